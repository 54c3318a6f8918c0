//! Work spread over threads, results taken in order: how a writer reads its
//! sources and writes its output on one thread while the rayon pool
//! serializes (or parses) what lies between.

use crate::{Documents, FormatError};
use readout_model::Document;
use std::collections::VecDeque;
use std::sync::mpsc;

/// Runs `work` on every item `pull` gives, on the threads of the rayon
/// pool, `chunk` items to a task, and hands each result to `take` in the
/// order the items were pulled. `pull` and `take` run on the calling
/// thread, interleaved, so they may hold what cannot cross threads (a
/// `&mut dyn Write`, a database connection); `take` writes one chunk while
/// the pool works on the next ones. At most two chunks a thread of the pool
/// are in memory at once. With one thread in the pool everything runs on
/// the calling thread, one item at a time.
///
/// The first error of `pull` or `take` stops the run and is returned;
/// items pulled but not yet taken are dropped.
///
/// ```
/// let mut next = 0;
/// let mut squares = Vec::new();
/// readout_format::map_in_order(
///     8,
///     || {
///         next += 1;
///         Ok::<_, String>((next <= 100).then_some(next))
///     },
///     |n: u64| n * n,
///     |square| {
///         squares.push(square);
///         Ok(())
///     },
/// )
/// .unwrap();
/// assert_eq!(squares, (1..=100).map(|n| n * n).collect::<Vec<u64>>());
/// ```
pub fn map_in_order<T, U, E, P, W, K>(
    chunk: usize,
    mut pull: P,
    work: W,
    mut take: K,
) -> Result<(), E>
where
    T: Send,
    U: Send,
    P: FnMut() -> Result<Option<T>, E>,
    W: Fn(T) -> U + Sync,
    K: FnMut(U) -> Result<(), E>,
{
    let threads = rayon::current_num_threads();
    if threads <= 1 {
        while let Some(item) = pull()? {
            take(work(item))?;
        }
        return Ok(());
    }
    let chunk = chunk.max(1);
    let in_flight = 2 * threads;
    // The tasks belong to the current pool (the one a caller's
    // `ThreadPool::install` chose). Each chunk is a task of its own, taken
    // by whichever thread is free, and sends its results back on its own
    // channel; the channels are read in the order the chunks were pulled.
    rayon::in_place_scope(|scope| {
        let work = &work;
        let mut pending = VecDeque::with_capacity(in_flight);
        let mut finished = false;
        loop {
            while !finished && pending.len() < in_flight {
                let mut items = Vec::with_capacity(chunk);
                while items.len() < chunk {
                    match pull()? {
                        Some(item) => items.push(item),
                        None => {
                            finished = true;
                            break;
                        }
                    }
                }
                if items.is_empty() {
                    break;
                }
                let (done, results) = mpsc::sync_channel::<Vec<U>>(1);
                scope.spawn(move |_| {
                    let results: Vec<U> = items.into_iter().map(work).collect();
                    // The receiver is gone only when the run has stopped.
                    let _ = done.send(results);
                });
                pending.push_back(results);
            }
            let Some(results) = pending.pop_front() else {
                return Ok(());
            };
            // A task that panicked sends nothing; the scope passes its
            // panic on once this returns.
            let Ok(results) = results.recv() else {
                return Ok(());
            };
            for result in results {
                take(result)?;
            }
        }
    })
}

/// A document taken from a [`Documents`] to be parsed elsewhere: its JSON
/// where the source holds it so (see [`Documents::get_json`]), else the
/// document itself.
#[derive(Debug)]
pub enum PulledDocument {
    /// The compact JSON of the document numbered `.0`.
    Json(usize, Vec<u8>),
    /// The document, read whole.
    Whole(Document),
}

/// The `i`-th document of `documents`, as its JSON where the source has it
/// (cheap: no parsing on this thread), else whole.
///
/// ```
/// use readout_format::{PulledDocument, pull_document};
/// let doc = readout_model::Document::new(None, "Text.".into());
/// let pulled = pull_document(&mut vec![doc.clone()], 0).unwrap();
/// assert!(matches!(&pulled, PulledDocument::Whole(d) if *d == doc));
/// assert_eq!(pulled.parse().unwrap(), doc);
/// ```
pub fn pull_document(
    documents: &mut dyn Documents,
    i: usize,
) -> Result<PulledDocument, FormatError> {
    let mut json = Vec::new();
    if documents.get_json(i, &mut json)? {
        Ok(PulledDocument::Json(i, json))
    } else {
        documents.get(i).map(PulledDocument::Whole)
    }
}

impl PulledDocument {
    /// The document. `Err(i)`: the JSON of document `i` does not parse;
    /// [`Documents::get`] then says why, in the source's own words.
    ///
    /// ```
    /// use readout_format::PulledDocument;
    /// let doc = readout_model::Document::new(Some("a.txt".into()), "Text.".into());
    /// let json = serde_json::to_vec(&doc).unwrap();
    /// assert_eq!(PulledDocument::Json(0, json).parse().unwrap(), doc);
    /// assert_eq!(PulledDocument::Json(4, b"{".to_vec()).parse().unwrap_err(), 4);
    /// ```
    pub fn parse(self) -> Result<Document, usize> {
        match self {
            PulledDocument::Json(i, json) => serde_json::from_slice(&json).map_err(|_| i),
            PulledDocument::Whole(document) => Ok(document),
        }
    }
}

/// Why the JSON of document `i` did not parse, in the words of the
/// source's [`Documents::get`]; where `get` reads the document all the same,
/// a [`FormatError::Spool`] naming the document.
///
/// ```
/// let mut documents = vec![readout_model::Document::new(None, "Text.".into())];
/// let err = readout_format::unreadable_document(&mut documents, 0);
/// assert!(err.to_string().ends_with("its JSON does not read back"), "{err}");
/// ```
pub fn unreadable_document(documents: &mut dyn Documents, i: usize) -> FormatError {
    match documents.get(i) {
        Err(e) => e,
        Ok(document) => FormatError::spool(
            format!("document {}", document.id),
            "its JSON does not read back",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(chunk: usize, n: usize, fail_at: Option<usize>) -> (Result<(), String>, Vec<usize>) {
        let mut next = 0;
        let mut taken = Vec::new();
        let result = map_in_order(
            chunk,
            || {
                next += 1;
                if Some(next) == fail_at {
                    return Err(format!("pull {next}"));
                }
                Ok((next <= n).then_some(next))
            },
            |i| i * 10,
            |r| {
                taken.push(r);
                Ok(())
            },
        );
        (result, taken)
    }

    #[test]
    fn results_come_in_the_order_pulled_for_every_chunk_size() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        for threads in [Some(pool), None] {
            for chunk in [1, 2, 7, 1000] {
                for n in [0, 1, 6, 7, 50] {
                    let (result, taken) = match &threads {
                        Some(pool) => pool.install(|| run(chunk, n, None)),
                        None => run(chunk, n, None),
                    };
                    assert_eq!(result, Ok(()));
                    let expected: Vec<usize> = (1..=n).map(|i| i * 10).collect();
                    assert_eq!(taken, expected, "chunk {chunk}, {n} items");
                }
            }
        }
    }

    #[test]
    fn the_first_error_stops_the_run() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let (result, taken) = pool.install(|| run(4, 100, Some(30)));
        assert_eq!(result, Err("pull 30".to_owned()));
        assert!(taken.len() < 30 && taken.iter().enumerate().all(|(i, r)| *r == (i + 1) * 10));
        // An error of `take` stops it too, and the worker with it.
        let mut taken = 0;
        let result = pool.install(|| {
            let mut next = 0;
            map_in_order(
                4,
                || {
                    next += 1;
                    Ok((next <= 100).then_some(next))
                },
                |i| i,
                |i| {
                    taken += 1;
                    if i == 9 { Err(i) } else { Ok(()) }
                },
            )
        });
        assert_eq!(result, Err(9));
        assert_eq!(taken, 9);
    }
}
