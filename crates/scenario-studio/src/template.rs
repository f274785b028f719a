//! "New from template": the text `scenario new` writes (crates/scenario-cli/src/template.rs,
//! compiled here from the same file, so the studio and the CLI never differ), in the form the
//! bundled `dimensions.yaml` accepts.

#[path = "../../scenario-cli/src/template.rs"]
mod shared;

use crate::check::vocabulary;

/// The template with `id`, its red line in the form the bundled dimensions declare (as
/// `scenario new` chooses it from the folder's `dimensions.yaml`).
pub fn new_scenario(id: &str) -> String {
    let declares_act = vocabulary(None)
        .ok()
        .is_some_and(|v| v.red_line(shared::TEMPLATE_ACT).is_some());
    shared::scenario_text(id, declares_act)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;

    #[test]
    fn the_template_checks_without_errors_or_warnings() {
        let text = new_scenario("new-scenario");
        let result = check(&text, None);
        assert_eq!(
            (result.errors, result.warnings),
            (0, 0),
            "{:?}",
            result.problems
        );
        assert_eq!(result.file_name, "new-scenario.yaml");
    }
}
