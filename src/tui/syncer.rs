//! The journal's syncs, on a thread of their own: the key's frame is drawn
//! while the disk confirms the write, and the runner hears back (and the
//! loop is woken) when it has. Syncs that queue up while one is running are
//! done as one per file: a sync covers every write made before it began.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::call::store::SyncStamp;

/// How a file is made durable: `fdatasync`, or in tests one that waits
/// for the test's word.
pub trait Durable: Send + 'static {
    fn sync(&mut self, file: &File) -> io::Result<()>;

    /// Makes the folder's entries durable: a new file's name.
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        crate::call::store::sync_dir(dir)
    }
}

/// The real thing.
#[derive(Debug, Clone, Copy, Default)]
pub struct DataSync;

impl Durable for DataSync {
    fn sync(&mut self, file: &File) -> io::Result<()> {
        file.sync_data()
    }
}

/// A sync to do: the journal of the runner's book `book`, up to `stamp`.
pub struct Request {
    pub book: u64,
    pub stamp: SyncStamp,
    pub file: File,
    /// The folder to sync after the file, while the file's name is new.
    pub dir: Option<PathBuf>,
}

/// The file, then its folder if asked.
fn sync_request(durable: &mut dyn Durable, request: &Request) -> io::Result<()> {
    durable.sync(&request.file)?;
    match &request.dir {
        Some(dir) => durable.sync_dir(dir),
        None => Ok(()),
    }
}

/// What came of one request.
pub struct Synced {
    pub book: u64,
    pub stamp: SyncStamp,
    pub result: io::Result<()>,
}

type Wake = Box<dyn Fn() + Send>;

/// The thread is started at the first request, with the `Durable` and the
/// wake-up set by then.
pub struct Syncer {
    durable: Option<Box<dyn Durable>>,
    wake: Option<Wake>,
    requests: Option<Sender<Request>>,
    results: Option<Receiver<Synced>>,
    /// Done here when the thread could not be started or has gone.
    local: Vec<Synced>,
    in_flight: usize,
}

impl Default for Syncer {
    fn default() -> Syncer {
        Syncer::new(DataSync)
    }
}

impl Syncer {
    pub fn new(durable: impl Durable) -> Syncer {
        Syncer {
            durable: Some(Box::new(durable)),
            wake: None,
            requests: None,
            results: None,
            local: Vec::new(),
            in_flight: 0,
        }
    }

    /// Called on the thread after each batch of results is sent.
    pub fn wake_with(&mut self, wake: impl Fn() + Send + 'static) {
        self.wake = Some(Box::new(wake));
    }

    /// Syncs asked for whose results have not been taken.
    pub fn in_flight(&self) -> usize {
        self.in_flight + self.local.len()
    }

    pub fn send(&mut self, request: Request) {
        if self.requests.is_none() {
            self.start();
        }
        let request = match &self.requests {
            Some(requests) => match requests.send(request) {
                Ok(()) => {
                    self.in_flight += 1;
                    return;
                }
                Err(mpsc::SendError(request)) => request,
            },
            None => request,
        };
        // No thread: the sync is done here, late rather than never.
        let result = match self.durable.as_mut() {
            Some(durable) => sync_request(durable.as_mut(), &request),
            None => sync_request(&mut DataSync, &request),
        };
        self.local.push(Synced { book: request.book, stamp: request.stamp, result });
    }

    fn start(&mut self) {
        let Some(mut durable) = self.durable.take() else { return };
        let wake = self.wake.take();
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, results) = mpsc::channel();
        let spawned = std::thread::Builder::new().name("journal-sync".into()).spawn(move || {
            while let Ok(first) = inbox.recv() {
                let mut batch = vec![first];
                batch.extend(inbox.try_iter());
                let done = sync_batch(durable.as_mut(), batch);
                for synced in done {
                    if outbox.send(synced).is_err() {
                        return;
                    }
                }
                if let Some(wake) = &wake {
                    wake();
                }
            }
        });
        if spawned.is_ok() {
            self.requests = Some(requests);
            self.results = Some(results);
        }
    }

    /// The results that have come, without waiting.
    pub fn take(&mut self) -> Vec<Synced> {
        let mut done = std::mem::take(&mut self.local);
        if let Some(results) = &self.results {
            done.extend(results.try_iter());
        }
        self.in_flight -= done.len().min(self.in_flight);
        done
    }

    /// Waits for the result of every sync asked for (a test's or an exit's
    /// deterministic wait); returns early only if the thread has gone.
    pub fn wait(&mut self) -> Vec<Synced> {
        let mut done = std::mem::take(&mut self.local);
        if let Some(results) = &self.results {
            while self.in_flight > 0 {
                match results.recv() {
                    Ok(synced) => {
                        done.push(synced);
                        self.in_flight -= 1;
                    }
                    Err(_) => break,
                }
            }
        }
        self.in_flight = 0;
        done
    }
}

/// One sync per file and epoch, for its latest request; every request
/// gets that sync's result (it began after each of their writes).
fn sync_batch(durable: &mut dyn Durable, batch: Vec<Request>) -> Vec<Synced> {
    let mut results: Vec<(u64, SyncStamp, Option<io::ErrorKind>, String)> = Vec::new();
    let mut done = Vec::new();
    for (i, request) in batch.iter().enumerate() {
        let later = batch[i + 1..].iter().any(|r| r.book == request.book && r.stamp.same_epoch(&request.stamp));
        if later {
            continue;
        }
        let outcome = sync_request(durable, request);
        results.push((
            request.book,
            request.stamp,
            outcome.as_ref().err().map(io::Error::kind),
            outcome.err().map(|e| e.to_string()).unwrap_or_default(),
        ));
    }
    for request in batch {
        let covering =
            results.iter().find(|(book, stamp, ..)| *book == request.book && stamp.same_epoch(&request.stamp));
        let result = match covering {
            Some((_, _, Some(kind), message)) => Err(io::Error::new(*kind, message.clone())),
            Some((_, _, None, _)) => Ok(()),
            None => Err(io::Error::other("not synced")),
        };
        done.push(Synced { book: request.book, stamp: request.stamp, result });
    }
    done
}
