//! The scenario template: what `scenario new` writes and what the studio's "New from
//! template" opens, `template.yaml` (beside this file, embedded at build time) with the id
//! and the red-line form filled in. Pure text, no I/O: the studio (crates/scenario-studio)
//! includes this file by path, so both write the same text.

/// The template, with `{{id}}` where the id goes and `{{red_line}}` where the red-line
/// choice says which red line it crosses.
pub const TEMPLATE: &str = include_str!("template.yaml");

/// The red-line act the template's critical choice commits.
pub const TEMPLATE_ACT: &str = "unmonitored-contact";

/// The template's red line when the folder's `dimensions.yaml` declares [`TEMPLATE_ACT`]:
/// the act, whose reason comes from there.
const RED_LINE_ACT: &str =
    "        # Red line: this choice commits a red-line act declared in dimensions.yaml. The
        # learner does not pass, sees what follows, and the debrief starts with the act's
        # reason from dimensions.yaml (the same in every scenario).
        red_lines: [unmonitored-contact]";

/// ... and when it does not (a format-1 `dimensions.yaml` without `red_lines`): the reason.
const RED_LINE_TEXT: &str = "        # Critical: this choice crosses a red line. The learner does not pass, sees what
        # follows, and the debrief starts with this reason.
        critical: \"Taking post out for him gets round his licence conditions and gives him a hold over you.\"";

/// The template for `id`; `declares_act` says whether the `dimensions.yaml` beside it
/// declares the red-line act the template uses.
pub fn scenario_text(id: &str, declares_act: bool) -> String {
    TEMPLATE.replace("{{id}}", id).replace(
        "{{red_line}}",
        if declares_act {
            RED_LINE_ACT
        } else {
            RED_LINE_TEXT
        },
    )
}
