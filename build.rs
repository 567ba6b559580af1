//! Compiles the built-in packs (packs/*.ron) into the compact form the
//! binary ships (postcard, then zlib), and the built-in calendar (postcard),
//! so a start-up reads them without parsing RON.
//!
//! The pack model is the crate's own source, compiled in here too, so the
//! compiled form is what the app's own `Deserialize` gives. What this does
//! not do is validate: tests/shipped_packs.rs proves that each compiled pack
//! equals what loading and validating its RON gives, and `dutygrid pack
//! check` checks the files themselves, with `path:line:col` errors.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The model and the time types it holds, as the library has them; each
// file names its neighbours by the paths these re-create.
#[allow(dead_code)]
#[path = "src/hours/calendar.rs"]
mod calendar;
#[allow(dead_code)]
#[path = "src/hours/clock.rs"]
mod clock;
#[path = "src/pack/fingerprint.rs"]
mod fingerprint;
#[allow(dead_code)]
#[path = "src/pack/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/hours/schedule.rs"]
mod schedule;
#[allow(dead_code)]
#[path = "src/sort.rs"]
mod sort;
mod hours {
    pub(crate) use crate::schedule;
}
mod catalog {
    /// The library's cache of derived data; never serialised.
    #[derive(Debug, Clone, Default)]
    pub struct Cached;
}

/// The built-in packs, in the order `pack list` and the library give them.
/// A built-in pack's file is named after its id.
const PACKS: [&str; 5] = [
    "nottingham-city.ron",
    "nottingham-city-cfd.ron",
    "nottingham-fsp-2018.ron",
    "nottingham-fsp-2014.ron",
    "stoke-on-trent.ron",
];

/// The built-in calendars (packs/calendars), in `BUILTIN_CALENDARS`'s order.
const CALENDARS: [&str; 1] = ["calendars/england-and-wales.ron"];

/// The RON dialect of pack files (as `source::ron_options`).
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// A packs/ file, watched for changes, as text and parsed: a broken one is
/// reported where it is, the same way the app would.
fn read_ron<T: serde::de::DeserializeOwned>(root: &Path, name: &str) -> Result<(String, T), Box<dyn Error>> {
    let path = root.join("packs").join(name);
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path)?;
    let parsed = ron_options().from_str(&text).map_err(|e| format!("{}:{e}", path.display()))?;
    Ok((text, parsed))
}

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    for file in [
        "build.rs",
        "src/pack/fingerprint.rs",
        "src/pack/model.rs",
        "src/hours/schedule.rs",
        "src/hours/clock.rs",
        "src/hours/calendar.rs",
    ] {
        println!("cargo::rerun-if-changed={file}");
    }
    let mut table = String::from("/// The built-in packs, compiled by build.rs from packs/*.ron.\n");
    table.push_str("pub const BUILTIN_PACKS: &[BuiltinPack] = &[\n");
    let mut sources = String::from("/// The RON each built-in pack was compiled from (for tests and checks).\n");
    sources.push_str("pub const BUILTIN_PACK_SOURCES: &[(&str, &str)] = &[\n");
    for name in PACKS {
        let (text, pack): (String, model::Pack) = read_ron(&root, name)?;
        // Mostly the document's words: deflate keeps about a third.
        let compiled = miniz_oxide::deflate::compress_to_vec_zlib(&postcard::to_allocvec(&pack)?, 10);
        let compiled_path = out.join(Path::new(name).with_extension("postcard.zlib"));
        std::fs::write(&compiled_path, &compiled)?;
        writeln!(
            table,
            "    BuiltinPack {{ name: {name:?}, compiled: include_bytes!({:?}), source_len: {}, source_hash: {:#018x} }},",
            compiled_path.display(),
            text.len(),
            fingerprint::fnv1a(text.as_bytes())
        )?;
        writeln!(sources, "    ({name:?}, include_str!({:?})),", root.join("packs").join(name).display())?;
    }
    table.push_str("];\n");
    sources.push_str("];\n");
    let mut calendars = String::from("/// The built-in calendars, compiled by build.rs from packs/calendars/*.ron.\n");
    calendars.push_str("pub const BUILTIN_CALENDARS_COMPILED: &[(&str, &[u8])] = &[\n");
    for name in CALENDARS {
        let (_, calendar): (String, calendar::Calendar) = read_ron(&root, name)?;
        let compiled_path = out.join(Path::new(name).with_extension("postcard"));
        if let Some(dir) = compiled_path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&compiled_path, postcard::to_allocvec(&calendar)?)?;
        writeln!(calendars, "    ({name:?}, include_bytes!({:?})),", compiled_path.display())?;
    }
    calendars.push_str("];\n");
    std::fs::write(out.join("builtin_packs.rs"), table + &sources + &calendars)?;
    Ok(())
}
