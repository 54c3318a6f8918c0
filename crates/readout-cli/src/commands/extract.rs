//! `readout extract`: reports in, dataset out.

use super::merge::read;
use super::{
    Context, EXIT_FAILURE, EXIT_OK, EXIT_SKIPPED, check_target, gazetteer, input_format,
    output_format,
};
use crate::cli::ExtractArgs;
use crate::{formats, inputs};
use anyhow::{Context as _, Result, bail};
use readout_format::{FormatError, Meetings, Source, Target, parent_dir, read_documents};
use readout_model::Meeting;
use readout_normalize::{StreamOptions, Streamed};
use std::collections::HashSet;
use std::time::Instant;

/// Reads every input, normalizes what was found into one dataset (joined to
/// the `--into` dataset when given) and writes it; inputs that cannot be read
/// are reported and skipped.
pub(crate) fn run(ctx: &Context<'_>, args: ExtractArgs) -> Result<u8> {
    let into_format = match &args.into {
        Some(into) => Some(input_format(
            &ctx.registry,
            &Source::from_arg(into),
            args.from.as_deref(),
        )?),
        None => None,
    };
    let output = match (&args.output, &args.into) {
        (Some(output), _) => output.clone(),
        (None, Some(into)) => into.clone(),
        (None, None) => formats::default_output(&ctx.registry).to_owned(),
    };
    let target = Target::from_arg(&output);
    // Writing back to the --into dataset is the point: in its own format, no --force.
    let in_place = args.output.is_none() && args.into.is_some();
    let format = match into_format {
        Some(f) if in_place => f,
        _ => output_format(&ctx.registry, &target, args.to.as_deref())?,
    };
    let format = formats::spreadsheet_safe(format, args.csv.spreadsheet_safe)?;
    if !in_place {
        check_target(&target, format.is_directory(), args.force, &args.inputs)?;
    } else if let Some(into) = &args.into {
        // Still never write over a report being read.
        check_target(&target, format.is_directory(), true, &args.inputs)
            .with_context(|| format!("--into {into}"))?;
    }
    let gazetteers = gazetteer::load(&args.gazetteers)?;
    let mut existing = None;
    let mut known = HashSet::new();
    if let Some(into) = &args.into {
        let held = read(ctx, into, args.from.as_deref())?;
        known.extend(held.documents.iter().map(|d| d.id.clone()));
        existing = Some(held);
    }
    // The documents wait beside the output, where there is room for it.
    let spool_dir = match &target {
        Target::Path(path) => parent_dir(path).to_path_buf(),
        Target::Stdout => std::env::temp_dir(),
    };
    let options = inputs::Options {
        stdin_html: args.html,
        jobs: args.jobs.map_or_else(inputs::all_cores, usize::from),
        meetings_only: args.meetings_only,
        known: &known,
        parser: gazetteers.parser.clone(),
        spool_dir: &spool_dir,
    };
    let started = Instant::now();
    let read = inputs::read_all(&args.inputs, &options, ctx.ui);
    let read_time = started.elapsed();
    if read.documents == 0 {
        // Each input already has its line saying why it was skipped.
        if read.skipped.is_empty() {
            bail!("no document to read; nothing written");
        }
        return Ok(EXIT_FAILURE);
    }
    let mut notes = String::new();
    if read.already_present > 0 {
        notes.push_str(&format!(", {} already held", read.already_present));
    }
    if read.without_meetings > 0 {
        notes.push_str(&format!(
            ", {} without meetings left out",
            read.without_meetings
        ));
    }
    if !read.skipped.is_empty() {
        notes.push_str(&format!(
            ", skipped {} ({})",
            read.skipped.len(),
            read.skipped_reasons()
        ));
    }
    let documents = read.documents;
    let skipped = !read.skipped.is_empty();
    // Every document read is in the spool; normalization reads the
    // extractions of those that report meetings (of each text, the copy the
    // dataset keeps) from theirs, and spills what it holds beside them.
    let (mut store, kept) = read.spool.finish()?;
    let found = read.found.finish(&kept)?;
    let started = Instant::now();
    // The dataset's documents are the spool's, whole and in the same order.
    let stream = StreamOptions::default().documents(false);
    let normalizer = &gazetteers.normalizer;
    let normalize = || normalizer.normalize_streamed_with(&found, &spool_dir, &stream);
    // Normalizing and writing run on as many threads as parsing; the
    // result is the same on any number.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .ok();
    let mut streamed = in_pool(pool.as_ref(), normalize).context("normalizing")?;
    drop(found);
    let normalize_time = started.elapsed();
    let started = Instant::now();
    let counts = if args.into.is_some() {
        let mut new = streamed.into_dataset().context("normalizing")?;
        new.documents = read_documents(&mut store)?;
        drop(store);
        let data = match existing {
            Some(held) => gazetteers.normalizer.merge(vec![held, new]),
            None => new,
        };
        format
            .write(&data, &target)
            .with_context(|| format!("writing {target}"))?;
        (data.meetings.len(), data.people.len(), data.topics.len())
    } else {
        let counts = (
            streamed.len(),
            streamed.head.people.len(),
            streamed.head.topics.len(),
        );
        // The meetings go to the writer one at a time, as normalization
        // reads them back: never all in memory.
        let head = std::mem::take(&mut streamed.head);
        let mut meetings = StreamedMeetings(streamed);
        in_pool(pool.as_ref(), || {
            format.write_streamed(head, &mut meetings, &mut store, &target)
        })
        .with_context(|| format!("writing {target}"))?;
        counts
    };
    ctx.ui.detail(format_args!(
        "time: reading and parsing {:.2} s ({} jobs), normalizing {:.2} s, writing {:.2} s",
        read_time.as_secs_f64(),
        options.jobs,
        normalize_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    ));
    ctx.ui.info(format_args!(
        "read {documents} documents{notes}: {} meetings, {} people, {} topics -> {target} ({})",
        counts.0,
        counts.1,
        counts.2,
        format.name()
    ));
    Ok(if skipped { EXIT_SKIPPED } else { EXIT_OK })
}

/// Runs `work` on `pool`, or on this thread where no pool could be made.
fn in_pool<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Normalization's meetings, as the writers take them.
struct StreamedMeetings(Streamed);

impl Meetings for StreamedMeetings {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn next_meeting(&mut self) -> Result<Option<Meeting>, FormatError> {
        self.0
            .next_meeting()
            .map_err(|e| FormatError::spool("normalization", e.to_string()))
    }
}
