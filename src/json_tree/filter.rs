//! The JSON view's jq filter (`|`), evaluated by jaq (jaq-core, jaq-std, jaq-json): the
//! body in, a tree of the outputs out (each output a root, as jq prints a stream).

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use super::JsonTree;
use super::parse::{Builder, MAX_NODES};

/// Outputs kept from one filter: a filter that generates without end stops here.
const MAX_OUTPUTS: usize = 10_000;

/// Runs jq `filter` over `body`. `Err`: a one-line reason (syntax, undefined names, runtime
/// errors, a body that is not JSON), shown under the filter box.
///
/// CPU-bound and unbounded in time (a filter can loop): run it off the UI task.
///
/// # Errors
/// As above.
pub fn run_filter(body: &[u8], filter: &str) -> Result<JsonTree, String> {
    // An empty box is the whole body, as `.` is.
    let filter = if filter.trim().is_empty() {
        "."
    } else {
        filter
    };
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
    let mut builder = Builder::default();
    let mut count = 0;
    for output in compiled.id.run((ctx, input)).map(unwrap_valr) {
        let value = output.map_err(|e| e.to_string())?;
        builder
            .add_root(value.to_string().as_bytes())
            .map_err(|e| format!("an output is not JSON: {e}"))?;
        count += 1;
        if count >= MAX_OUTPUTS || builder.len() >= MAX_NODES {
            builder.cut();
            break;
        }
    }
    Ok(builder.finish())
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
