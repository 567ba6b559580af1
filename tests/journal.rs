#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The journal under faults: damaged files, a full disk, a deleted records
//! folder, edits instead of copies, and two processes on one record. What
//! was written before a fault is never lost, and nothing is called saved
//! that is not on disk.

use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use dutygrid::call::journal::{Entry, encode, note_change, replay};
use dutygrid::call::store::{Journal, Sink, Store, read_record};
use dutygrid::call::{Call, PackStamp};

fn at(second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).single().unwrap() + chrono::Duration::seconds(i64::from(second))
}

fn call() -> Call {
    let pack = PackStamp { id: "nottingham-city".into(), title: "Threshold of Needs".into(), edition: None };
    Call::new(pack, at(0), false)
}

fn tick(id: &str, second: u32) -> Entry {
    Entry::Tick { id: id.into(), ticked: true, at: at(second) }
}

/// A small call's journal: start, ticks, a note written whole and edited.
fn entries() -> Vec<Entry> {
    let mut out = vec![call().start_entry(), tick("health-u1", 1), tick("health-e2", 2)];
    let long = "The mother said he fell from the sofa on Sunday";
    out.push(Entry::Note { section: "notes".into(), text: long.into(), at: at(3) });
    out.push(Entry::NoteEdit { section: "notes".into(), pos: 48, deleted: 0, inserted: ".".into(), at: at(4) });
    out.push(tick("family-history-s5", 5));
    out
}

fn text_of(entries: &[Entry]) -> String {
    entries.iter().map(encode).collect()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

/// Files beside the journal that are copies of a damaged one.
fn damaged_copies(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(".damaged-")))
        .collect()
}

/// Writes `bytes` as an unfinished call's journal, restores it as the app
/// does, types one more tick, and reads the record back from disk.
fn restore_and_type(bytes: &[u8]) -> (Option<dutygrid::call::journal::Replayed>, Vec<PathBuf>) {
    let base = tempfile::tempdir().expect("dir");
    let dir = base.path().join("calls");
    let mut store = Store::open(&dir).expect("store");
    let path = dir.join("call-20261127-100000-abcd.jsonl");
    std::fs::write(&path, bytes).expect("write");
    let found = store.unfinished();
    if found.claimed.is_empty() {
        return (None, Vec::new());
    }
    assert_eq!(found.claimed.len(), 1);
    let mut journal = store.resume(&path).expect("resume");
    journal.append(&tick("more-typing", 60)).expect("append");
    assert_eq!(journal.unsaved(), 0);
    drop(journal);
    let record = read_record(&path).replayed.expect("replays");
    let copies = damaged_copies(&dir);
    for copy in &copies {
        assert_eq!(mode(copy), 0o600, "the copy kept aside is private");
        assert_eq!(std::fs::read(copy).expect("copy"), bytes, "the copy is the damaged file as it was");
    }
    (Some(record), copies)
}

#[test]
fn a_journal_cut_at_any_byte_restores_every_complete_entry_and_takes_more_typing() {
    let entries = entries();
    let text = text_of(&entries);
    // Where each entry's JSON ends (before its newline).
    let mut ends = Vec::new();
    let mut offset = 0;
    for entry in &entries {
        offset += encode(entry).len();
        ends.push(offset - 1);
    }
    for cut in 0..=text.len() {
        let whole: Vec<Entry> =
            entries.iter().zip(&ends).filter(|(_, end)| **end <= cut).map(|(e, _)| e.clone()).collect();
        let (record, copies) = restore_and_type(&text.as_bytes()[..cut]);
        let Some(record) = record else {
            assert!(whole.is_empty(), "cut at {cut}: the call was not offered although its start is whole");
            continue;
        };
        let mut expected = whole.clone();
        expected.push(tick("more-typing", 60));
        assert_eq!(record.log, expected, "cut at byte {cut}");
        assert!(record.damaged.is_empty(), "cut at {cut}: the restored journal is clean: {:?}", record.damaged);
        let cut_mid_line = cut > 0 && !ends.contains(&cut) && text.as_bytes()[cut - 1] != b'\n';
        assert_eq!(copies.len(), usize::from(cut_mid_line), "cut at {cut}: a copy of a damaged journal is kept");
    }
}

#[test]
fn a_garbage_line_in_the_middle_loses_only_itself() {
    let entries = entries();
    let lines: Vec<String> = entries.iter().map(encode).collect();
    let damaged = format!("{}{}{}line 37: expected `,` or }}\n{}", lines[0], lines[1], lines[2], lines[3..].concat());
    let replayed = replay(&damaged).expect("replays");
    assert_eq!(replayed.log, entries, "every entry after the garbage is read");
    assert_eq!(replayed.damaged.len(), 1);
    let offset = lines[..3].concat().len();
    assert_eq!((replayed.damaged[0].line, replayed.damaged[0].offset), (4, offset));
    assert!(replayed.problem.as_deref().is_some_and(|p| p.starts_with(&format!("line 4 (byte {offset}):"))));
    let (record, copies) = restore_and_type(damaged.as_bytes());
    let mut expected = entries.clone();
    expected.push(tick("more-typing", 60));
    assert_eq!(record.expect("offered").log, expected);
    assert_eq!(copies.len(), 1);
}

#[test]
fn a_block_of_zero_bytes_loses_nothing_around_it() {
    let entries = entries();
    let lines: Vec<String> = entries.iter().map(encode).collect();
    let mut damaged = lines[..3].concat().into_bytes();
    let offset = damaged.len();
    damaged.extend(std::iter::repeat_n(0u8, 300));
    damaged.extend(lines[3..].concat().as_bytes());
    let replayed = replay(&damaged).expect("replays");
    assert_eq!(replayed.log, entries, "the entry glued to the zeros is read too");
    assert_eq!(replayed.damaged.len(), 1);
    assert_eq!(replayed.damaged[0].offset, offset);
    assert!(replayed.damaged[0].problem.contains("300 zero byte"), "{}", replayed.damaged[0].problem);
    let (record, copies) = restore_and_type(&damaged);
    let mut expected = entries.clone();
    expected.push(tick("more-typing", 60));
    assert_eq!(record.expect("offered").log, expected);
    assert_eq!(copies.len(), 1);
}

/// A sink with room for `room` bytes: past that, writes fail as a full
/// disk does, after writing what fits (a torn line).
#[derive(Debug, Default)]
struct SmallDisk {
    data: Vec<u8>,
    room: usize,
    /// Cutting the file back fails too (the worst case).
    truncate_fails: bool,
}

impl Write for SmallDisk {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let free = self.room.saturating_sub(self.data.len());
        if free == 0 {
            return Err(io::Error::from_raw_os_error(28));
        }
        let n = free.min(buf.len());
        self.data.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink for SmallDisk {
    fn sync(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        if self.truncate_fails {
            return Err(io::Error::from_raw_os_error(5));
        }
        self.data.truncate(usize::try_from(len).unwrap());
        Ok(())
    }

    fn size(&self) -> io::Result<u64> {
        Ok(self.data.len() as u64)
    }
}

#[test]
fn a_full_disk_keeps_changes_queued_and_writes_them_in_order_once_there_is_room() {
    for truncate_fails in [false, true] {
        let entries = entries();
        let room = encode(&entries[0]).len() + encode(&entries[1]).len() + 10;
        let disk = SmallDisk { room, truncate_fails, ..SmallDisk::default() };
        let mut journal = Journal::over(disk, PathBuf::from("/nowhere/call.jsonl"), 0);
        let mut failures = 0;
        for entry in &entries {
            journal.queue(entry.clone());
            if journal.write_queued().is_err() {
                failures += 1;
            }
        }
        assert_eq!(failures, entries.len() - 2, "every write after the disk filled failed");
        assert_eq!(journal.unsaved(), entries.len() - 2, "and every change since is still queued");
        if !truncate_fails {
            assert_eq!(journal.sink().data, text_of(&entries[..2]).as_bytes(), "the torn line was cut off");
        }
        // Space is freed; the next save writes them all, in order.
        journal.sink_mut().room = usize::MAX;
        journal.queue(tick("after", 9));
        journal.write_queued().expect("room now");
        assert_eq!(journal.unsaved(), 0);
        let replayed = replay(&journal.sink().data).expect("replays");
        let mut expected = entries.clone();
        expected.push(tick("after", 9));
        assert_eq!(replayed.log, expected, "truncate fails: {truncate_fails}");
        assert_eq!(replayed.damaged.is_empty(), !truncate_fails, "{:?}", replayed.damaged);
    }
}

/// A tiny tmpfs mounted for one test, unmounted when dropped.
struct Mount(tempfile::TempDir);

impl Mount {
    fn tiny() -> Option<Mount> {
        let dir = tempfile::tempdir().ok()?;
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(Mount(dir))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(self.0.path()).status();
    }
}

/// Fills a filesystem to the last byte.
fn fill(path: &Path) {
    let mut file = std::fs::File::create(path).expect("filler");
    let block = vec![b'x'; 4096];
    while file.write_all(&block).is_ok() {}
    while file.write_all(b"x").is_ok() {}
    let _ = file.sync_all();
}

#[test]
fn a_really_full_disk_loses_nothing_and_glues_nothing() {
    let Some(mount) = Mount::tiny() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root); the SmallDisk test covers the same logic");
        return;
    };
    let dir = mount.0.path().join("calls");
    let store = Store::open(&dir).expect("store");
    let mut journal = store.create(&call()).expect("journal");
    journal.append(&tick("health-u1", 1)).expect("room");
    let filler = mount.0.path().join("filler");
    fill(&filler);
    let long = "x".repeat(20_000);
    let note = Entry::Note { section: "notes".into(), text: long, at: at(2) };
    assert!(journal.append(&note).is_err(), "the disk is full");
    assert!(journal.append(&tick("health-e2", 3)).is_err());
    assert_eq!(journal.unsaved(), 2);
    std::fs::remove_file(&filler).expect("free space");
    journal.append(&tick("health-s1", 4)).expect("room again");
    assert_eq!(journal.unsaved(), 0);
    let replayed = read_record(&journal.path).replayed.expect("replays");
    assert!(replayed.damaged.is_empty(), "no torn line was left: {:?}", replayed.damaged);
    assert_eq!(
        replayed.log,
        vec![call().start_entry(), tick("health-u1", 1), note, tick("health-e2", 3), tick("health-s1", 4)]
    );
}

#[test]
fn a_deleted_records_folder_is_made_again_and_the_whole_call_written_back() {
    let base = tempfile::tempdir().expect("dir");
    let dir = base.path().join("state/calls");
    let store = Store::open(&dir).expect("store");
    let mut journal = store.create(&call()).expect("journal");
    let path = journal.path.clone();
    journal.append(&tick("health-u1", 1)).expect("append");
    std::fs::remove_dir_all(base.path().join("state")).expect("rm -rf");
    journal.append(&tick("health-e2", 2)).expect("written again");
    let notice = journal.take_notice().expect("the handler is told");
    assert!(notice.contains("deleted"), "{notice}");
    assert_eq!(journal.path, path, "under its old name");
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&path), 0o600);
    let replayed = read_record(&path).replayed.expect("replays");
    assert_eq!(replayed.log, vec![call().start_entry(), tick("health-u1", 1), tick("health-e2", 2)]);
    // Only the journal deleted this time, then a file put in its place by
    // something else: that file is not overwritten.
    std::fs::remove_file(&path).expect("rm");
    std::fs::write(&path, "not ours\n").expect("write");
    journal.append(&tick("health-s1", 3)).expect("written again");
    assert_ne!(journal.path, path);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "not ours\n");
    let replayed = read_record(&journal.path).replayed.expect("replays");
    assert_eq!(replayed.entries, 4);
    assert!(journal.take_notice().is_some_and(|n| n.contains(&journal.id())));
}

#[test]
fn a_journal_cut_short_or_written_into_by_another_program_is_written_again_in_place() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    let mut journal = store.create(&call()).expect("journal");
    let path = journal.path.clone();
    journal.append(&tick("health-u1", 1)).expect("append");
    journal.append(&tick("health-e2", 2)).expect("append");
    let damage: [&dyn Fn(&Path); 3] = [
        &|p| std::fs::File::options().write(true).open(p).and_then(|f| f.set_len(0)).expect("truncate"),
        &|p| {
            let len = std::fs::metadata(p).expect("meta").len();
            std::fs::File::options().write(true).open(p).and_then(|f| f.set_len(len / 2)).expect("cut");
        },
        &|p| std::fs::File::options().append(true).open(p).and_then(|mut f| f.write_all(b"garbage")).expect("append"),
    ];
    let mut expected = vec![call().start_entry(), tick("health-u1", 1), tick("health-e2", 2)];
    for (n, harm) in damage.iter().enumerate() {
        harm(&path);
        let next = tick("health-s1", 10 + u32::try_from(n).unwrap_or(0));
        journal.append(&next).expect("written again");
        expected.push(next);
        assert_eq!(journal.path, path, "in place: no second unfinished call");
        let notice = journal.take_notice().expect("the handler is told");
        assert!(notice.contains("changed by another program"), "{notice}");
        let replayed = read_record(&path).replayed.expect("replays");
        assert!(replayed.damaged.is_empty(), "{:?}", replayed.damaged);
        assert_eq!(replayed.log, expected, "after damage {n}");
    }
}

/// The text after replaying note entries made by `note_change` for each
/// version of a text in turn.
fn replayed_note(versions: &[String]) -> (String, usize) {
    let mut journal = text_of(&[call().start_entry()]);
    let mut old = String::new();
    let mut edits = 0;
    let mut bytes_of_edits = 0;
    for new in versions {
        if let Some(entry) = note_change("notes", &old, new, edits, at(1)) {
            edits = if matches!(entry, Entry::Note { .. }) { 0 } else { edits + 1 };
            let line = encode(&entry);
            bytes_of_edits += line.len();
            journal.push_str(&line);
        }
        old.clone_from(new);
    }
    let call = replay(&journal).expect("replays").call;
    (call.notes.get("notes").cloned().unwrap_or_default(), bytes_of_edits)
}

#[test]
fn typing_a_long_note_writes_a_few_bytes_a_key_not_the_whole_note() {
    let mut text = String::new();
    let mut versions = Vec::new();
    for i in 0..10_000 {
        text.push(char::from(b'a' + (i % 26) as u8));
        versions.push(text.clone());
    }
    let (replayed, bytes) = replayed_note(&versions);
    assert_eq!(replayed, text);
    // Whole copies would be ~50 MB; edits plus a snapshot every 50 keys
    // are a few MB at most.
    assert!(bytes < 4_000_000, "{bytes} bytes journalled for 10,000 keys");
}

#[test]
fn old_journals_with_whole_copies_of_notes_still_replay() {
    let old = concat!(
        "{\"kind\":\"start\",\"pack\":{\"id\":\"nottingham-city\",\"title\":\"T\",\"edition\":null},",
        "\"app_version\":\"0.1.0\",\"at\":\"2026-11-27T10:00:00Z\",\"simulated\":false}\n",
        "{\"kind\":\"note\",\"section\":\"notes\",\"text\":\"Mum\",\"at\":\"2026-11-27T10:00:01Z\"}\n",
        "{\"kind\":\"note\",\"section\":\"notes\",\"text\":\"Mum says\",\"at\":\"2026-11-27T10:00:02Z\"}\n",
    );
    let replayed = replay(old).expect("replays");
    assert!(replayed.damaged.is_empty());
    assert_eq!(replayed.call.notes.get("notes").map(String::as_str), Some("Mum says"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    #[test]
    fn any_sequence_of_edits_replays_to_exactly_the_text(
        steps in proptest::collection::vec((0usize..400, 0usize..6, "[a-zé\u{1F600}\n ]{0,5}"), 1..120),
    ) {
        let mut text = String::from("Start of the note, long enough to be journalled as edits: ");
        let mut versions = vec![text.clone()];
        for (pos, delete, insert) in steps {
            let chars: Vec<char> = text.chars().collect();
            let pos = pos % (chars.len() + 1);
            let end = (pos + delete).min(chars.len());
            text = chars[..pos].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(&chars[end..]).collect();
            versions.push(text.clone());
        }
        let (replayed, _) = replayed_note(&versions);
        proptest::prop_assert_eq!(replayed, text);
    }
}

#[test]
fn a_second_handle_cannot_take_a_call_another_holds() {
    let base = tempfile::tempdir().expect("dir");
    let dir = base.path().join("calls");
    let first = Store::open(&dir).expect("store");
    let journal = first.create(&call()).expect("journal");
    let mut second = Store::open(&dir).expect("store");
    let found = second.unfinished();
    assert!(found.claimed.is_empty(), "a held call is not offered");
    assert_eq!(found.held.len(), 1);
    assert_eq!(found.held[0].pid, Some(std::process::id()), "the lock note names the holder");
    assert!(second.resume(&journal.path).is_err(), "nor resumed");
    assert!(second.set_aside(&journal.path, at(9)).is_err(), "nor ended");
    let before = std::fs::read(&journal.path).expect("read");
    drop(journal);
    assert_eq!(std::fs::read(journal_path(&dir)).expect("read"), before, "the second wrote nothing");
    assert!(!dir.join(format!("{}.lock", id_in(&dir))).exists(), "the lock note goes with the lock");
    let found = second.unfinished();
    assert_eq!(found.claimed.len(), 1, "once let go, it is offered");
}

fn journal_path(dir: &Path) -> PathBuf {
    dutygrid::pack::library::files_with_extension(dir, "jsonl").into_iter().next().expect("a journal")
}

fn id_in(dir: &Path) -> String {
    journal_path(dir).file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_resumed_journal_rewritten_after_damage_is_still_locked() {
    let base = tempfile::tempdir().expect("dir");
    let dir = base.path().join("calls");
    let mut first = Store::open(&dir).expect("store");
    let path = dir.join("call-20261127-100000-abcd.jsonl");
    std::fs::write(&path, format!("{}garbage\n", text_of(&entries()))).expect("write");
    let journal = first.resume(&path).expect("resume");
    let mut second = Store::open(&dir).expect("store");
    let found = second.unfinished();
    assert!(found.claimed.is_empty() && found.held.len() == 1, "the rewritten file is locked too");
    assert_eq!(found.held[0].pid, Some(std::process::id()), "and its lock note kept");
    drop(journal);
}
