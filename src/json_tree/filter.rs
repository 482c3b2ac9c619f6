//! The JSON view's jq filter (`|`), evaluated by jaq (jaq-core, jaq-std, jaq-json): the
//! body in, a tree of the outputs out (each output a root, as jq prints a stream).

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use super::JsonTree;
use super::parse::{Builder, MAX_NODES};

/// Outputs kept from one filter: a filter that generates without end stops here.
const MAX_OUTPUTS: usize = 10_000;
/// Bodies nested deeper than this are not filtered (the JSON view shows them as raw text).
const MAX_FILTER_DEPTH: usize = 1_000;

/// Runs jq `filter` over `body`. `Err`: a one-line reason (syntax, undefined names, runtime
/// errors, a body that is not JSON), shown under the filter box.
///
/// CPU-bound and unbounded in time (a filter can loop): run it off the UI task.
///
/// # Errors
/// As above.
pub fn run_filter(body: &[u8], filter: &str) -> Result<JsonTree, String> {
    let mut builder = Builder::default();
    let mut count = 0;
    let mut failed = None;
    outputs(
        body,
        filter,
        &mut |text| match emit(text, &mut builder, &mut count) {
            Ok(more) => more,
            Err(err) => {
                failed = Some(err);
                false
            }
        },
    )?;
    match failed {
        Some(err) => Err(err),
        None => Ok(builder.finish()),
    }
}

/// Adds one output (compact JSON text) to `builder`; `false` when enough have been kept.
fn emit(text: &str, builder: &mut Builder, count: &mut usize) -> Result<bool, String> {
    builder
        .add_root(text.as_bytes())
        .map_err(|e| format!("an output is not JSON: {e}"))?;
    *count += 1;
    if *count >= MAX_OUTPUTS || builder.len() >= MAX_NODES {
        builder.cut();
        return Ok(false);
    }
    Ok(true)
}

/// The filter child's whole life (`apidex __jq FILTER`, run by [`run_filter_apart`]): the body
/// on stdin, each output as one line of compact JSON on stdout, a failure as one line on stderr
/// (exit 1). Apart from the browser, a filter that recurses past the stack (a 100 000-deep body,
/// `reduce range(100000) as $x (null; [.])`) takes down only this process, and one that never
/// ends is killed when the user types on.
pub fn child_main(filter: &str) -> std::process::ExitCode {
    use std::io::{Read as _, Write as _};
    // Ends with the browser, however it ends (even `kill -9`): a runaway filter must not outlive
    // the browser that asked for it.
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    let mut body = Vec::new();
    let limit = u64::try_from(crate::api::DEFAULT_MAX_BODY).unwrap_or(u64::MAX);
    if let Err(err) = std::io::stdin().take(limit).read_to_end(&mut body) {
        eprintln!("the body: {err}");
        return std::process::ExitCode::FAILURE;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match outputs(&body, filter, &mut |text| writeln!(out, "{text}").is_ok()) {
        Ok(()) => {
            let _ = out.flush();
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            let _ = out.flush();
            eprintln!("{err}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Evaluates `filter` over `body`, handing each output's text to `each` (which says whether to
/// go on), at most [`MAX_OUTPUTS`].
fn outputs(body: &[u8], filter: &str, each: &mut dyn FnMut(&str) -> bool) -> Result<(), String> {
    let filter = if filter.trim().is_empty() {
        "."
    } else {
        filter
    };
    // jaq reads nesting by recursion: a body deeper than this would overflow the stack.
    let levels = super::parse::nesting(body);
    if levels > MAX_FILTER_DEPTH {
        return Err(format!("too deeply nested to filter ({levels} levels)"));
    }
    let input = jaq_json::read::parse_single(body).map_err(|e| format!("the body: {e}"))?;
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let program = File {
        code: filter,
        path: (),
    };
    let modules = loader.load(&arena, program).map_err(|errors| {
        errors
            .into_iter()
            .next()
            .map_or_else(|| "cannot parse".to_owned(), |(_, e)| load_error(&e))
    })?;
    let compiled = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errors| {
            errors.into_iter().flat_map(|(_, e)| e).next().map_or_else(
                || "cannot compile".to_owned(),
                |(name, undefined)| format!("undefined {} {name}", undefined.as_str()),
            )
        })?;
    let ctx = Ctx::<data::JustLut<Val>>::new(&compiled.lut, Vars::new([]));
    for (n, output) in compiled.id.run((ctx, input)).map(unwrap_valr).enumerate() {
        let value = output.map_err(|e| e.to_string())?;
        if n >= MAX_OUTPUTS || !each(&value.to_string()) {
            break;
        }
    }
    Ok(())
}

/// Runs `filter` over `body` in a child process (`exe __jq FILTER`, see [`child_main`]) and
/// builds the tree of its outputs here. `running` holds the child's id while it runs, so a
/// newer filter can end it ([`end_filter`]).
///
/// # Errors
/// As [`run_filter`], plus a child that could not start or died ("the filter crashed").
pub fn run_filter_apart(
    exe: &std::path::Path,
    body: &[u8],
    filter: &str,
    running: &std::sync::Mutex<Option<u32>>,
) -> Result<JsonTree, String> {
    use std::io::{BufRead as _, Read as _, Write as _};
    use std::process::{Command, Stdio};
    let mut child = Command::new(exe)
        .args(["__jq", filter])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the filter: {e}"))?;
    *lock(running) = Some(child.id());
    let mut stdin = child.stdin.take();
    let body = body.to_vec();
    // Written from a thread of its own: the child may fill its stdout before it reads all of
    // stdin.
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&body);
        }
    });
    let mut builder = Builder::default();
    let mut count = 0;
    let mut result = Ok(());
    if let Some(stdout) = child.stdout.take() {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            match emit(&line, &mut builder, &mut count) {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) => {
                    result = Err(err);
                    break;
                }
            }
        }
    }
    let mut reason = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.by_ref().take(4096).read_to_string(&mut reason);
    }
    // Done with it either way (enough outputs, or ended); the id is cleared under the lock
    // before the child is reaped, so [`end_filter`] can never signal a reused id.
    {
        let mut slot = lock(running);
        if *slot == Some(child.id()) {
            *slot = None;
        }
        let _ = child.kill();
    }
    let status = child.wait();
    let _ = writer.join();
    result?;
    match status {
        Ok(status) if status.success() || count > 0 => Ok(builder.finish()),
        Ok(status) if status.code().is_some() => Err(reason
            .lines()
            .next()
            .unwrap_or("the filter failed")
            .to_owned()),
        // Killed by a newer filter, or by a signal of its own (a stack overflow aborts).
        _ => Err("the filter crashed (it nests too deep, or was stopped)".to_owned()),
    }
}

/// Ends the filter child whose id `running` holds, if any (a newer filter replaces it).
pub fn end_filter(running: &std::sync::Mutex<Option<u32>>) {
    if let Some(pid) = lock(running).take()
        && let Some(pid) = rustix::process::Pid::from_raw(i32::try_from(pid).unwrap_or(0))
    {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
    }
}

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn load_error(error: &jaq_core::load::Error<&str>) -> String {
    use jaq_core::load::Error;
    let near = |rest: &str| {
        let rest: String = rest.chars().take(12).collect();
        if rest.is_empty() {
            "at the end".to_owned()
        } else {
            format!("at {rest:?}")
        }
    };
    match error {
        Error::Io(errors) => errors
            .first()
            .map_or_else(|| "cannot load".to_owned(), |(_, e)| e.clone()),
        Error::Lex(errors) => errors.first().map_or_else(
            || "cannot read".to_owned(),
            |(expect, rest)| format!("expected {} {}", expect.as_str(), near(rest)),
        ),
        Error::Parse(errors) => errors.first().map_or_else(
            || "cannot parse".to_owned(),
            |(expect, rest)| format!("expected {} {}", expect.as_str(), near(rest)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_tree::NodeValue;

    #[test]
    fn outputs_become_roots() {
        let body = br#"{"stats":[{"base_stat":35},{"base_stat":55}]}"#;
        let tree = run_filter(body, ".stats[].base_stat").expect("runs");
        let values: Vec<_> = tree.nodes().iter().map(|n| n.value.clone()).collect();
        assert_eq!(
            values,
            [
                NodeValue::Number("35".into()),
                NodeValue::Number("55".into())
            ]
        );
        let tree = run_filter(body, "[.stats[] | .base_stat] | add").expect("runs");
        assert_eq!(tree.to_json(), "90");
    }

    #[test]
    fn errors_are_one_line() {
        let body = br#"{"a":1}"#;
        let syntax = run_filter(body, ".a[").unwrap_err();
        assert!(syntax.contains("expected"), "{syntax}");
        let undefined = run_filter(body, "nosuchfn").unwrap_err();
        assert!(undefined.contains("undefined"), "{undefined}");
        let runtime = run_filter(body, ".a | keys").unwrap_err();
        assert!(!runtime.is_empty());
        assert!(run_filter(b"nope", ".").is_err());
    }

    #[test]
    fn endless_filters_stop() {
        let tree = run_filter(b"1", "repeat(.)").expect("runs");
        assert!(tree.truncated);
        assert_eq!(tree.nodes().len(), MAX_OUTPUTS);
    }
}
