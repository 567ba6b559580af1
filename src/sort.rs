//! One stable sort for lists that are not on a hot path. The standard
//! library's `sort_by` is generic over the element and the comparison, so
//! every call site compiled its own copy of the whole sort, about 8 KB each
//! (`nm` on the release binary: 39 copies, some 300 KB in all); here the
//! positions are sorted through one `dyn` comparison, so that sort is
//! compiled once and each call site adds only a small reordering.
//! The search engine's rankings, which run per keystroke on up to 50,000
//! entries, keep the standard sort.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order, exactly
/// as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|n| slots[n].take()));
}

/// Sorts `items` by the key `key` gives, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, as `slice::sort` does.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` puts them, ties in place.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does_keeping_ties_in_order() {
        let items: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2, 2].iter().copied().zip(0..).collect();
        let mut ours = items.clone();
        sort_by_key(&mut ours, |&(key, _)| key);
        let mut standard = items.clone();
        standard.sort_by_key(|&(key, _)| key);
        assert_eq!(ours, standard);
        assert_eq!(ours.iter().map(|&(_, n)| n).collect::<Vec<_>>(), vec![5, 1, 3, 2, 6, 7, 0, 4]);
    }

    #[test]
    fn sorts_owned_values_without_losing_any() {
        let mut words: Vec<String> = ["pear", "apple", "fig", "apple"].iter().map(|s| s.to_string()).collect();
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
        let mut none: Vec<String> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
    }
}
