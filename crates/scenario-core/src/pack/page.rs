//! The glossary page, `glossary.html` (written by `scenario pack` beside the app's
//! `index.html`, at build time): the "Who's who" and every term, A to Z, as plain HTML with
//! the app's Content-Security-Policy and stylesheet, its own few rules in `glossary.css`
//! ([`PAGE_CSS`], so the app's stylesheet, which every learner downloads, carries none of
//! them) and no script, so none of it is in the wasm. Each entry is an element whose `id` is
//! the term's id, the address the packs' links name (`glossary.html#<id>`; `:target` marks
//! it); the page's own ids hold `_`, which a term id never does, so they cannot clash. The app
//! opens it in a new tab, so the learner returns to the step they left by closing it.
//!
//! Hand-written HTML rather than a template crate: one page, a dozen elements, and every
//! text that comes from the glossary goes through [`escape`].

use crate::model::glossary::{Glossary, PAGE};

/// The name of the page's own stylesheet, written beside it.
pub const PAGE_CSS_FILE: &str = "glossary.css";

/// The page's own rules, on top of the app's stylesheet (its colours, type and header): the
/// entries, the entry addressed (`:target`, marked by more than colour: a bar and a frame),
/// the Who's who as a grid of cards that fits one screen, and print.
pub const PAGE_CSS: &str = r#"/* Written by `scenario pack` (crates/scenario-core/src/pack/page.rs): the glossary page's own rules. */
.roles { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(15rem, 100%), 1fr)); gap: 0.6rem; margin: 0.75rem 0; padding: 0; list-style: none; }
.roles .role + .role { margin-top: 0; }
.roles .role { margin: 0; padding: 0.5rem 0.9rem 0.6rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); }
.role h3 { margin: 0 0 0.2rem; font-size: 1.075rem; }
.role p { margin: 0; }
.terms { margin: 1rem 0 0; }
.terms .entry { padding: 0.7rem 0; border-top: 1px solid var(--border); scroll-margin-top: 1rem; }
.terms dt { font-size: 1.1rem; font-weight: 700; }
.terms dd { margin: 0.2rem 0 0; }
.terms .entry:target { padding: 0.7rem 1rem; border: 2px solid var(--accent); border-left-width: 6px; border-radius: var(--radius); background: var(--accent-soft); }
@media print { .terms .entry, .roles .role { break-inside: avoid; } .site-header .support { display: none; } }
"#;

/// What the glossary page takes from the app's built page, so that it looks and is
/// protected the same: its Content-Security-Policy and its stylesheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPage {
    /// The `content` of its `<meta http-equiv="Content-Security-Policy">`, as written.
    pub csp: String,
    /// The `href` of its stylesheet, as written (trunk's `./app-<hash>.css`).
    pub stylesheet: String,
}

impl AppPage {
    /// Reads the policy and the stylesheet off the app's built `index.html`.
    pub fn of(html: &str) -> Result<AppPage, String> {
        let csp = attribute_of_tag(html, "http-equiv=\"Content-Security-Policy\"", "content")
            .ok_or("it has no <meta http-equiv=\"Content-Security-Policy\" content=…>")?;
        let stylesheet = attribute_of_tag(html, "rel=\"stylesheet\"", "href")
            .ok_or("it has no <link rel=\"stylesheet\" href=…>")?;
        Ok(AppPage {
            csp: csp.to_owned(),
            stylesheet: stylesheet.to_owned(),
        })
    }
}

/// The value of `name="…"` in the first tag that holds `marker`.
fn attribute_of_tag<'h>(html: &'h str, marker: &str, name: &str) -> Option<&'h str> {
    let at = html.find(marker)?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let key = format!(" {name}=\"");
    let value = &tag[tag.find(&key)? + key.len()..];
    value.get(..value.find('"')?)
}

/// `text` safe in HTML text and in a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The "If this brings something up" panel of the app's header (`src/components/header.rs`;
/// tests/e2e/glossary.test.mjs compares the two pages' panels).
const SUPPORT: &str = r##"<details class="support" data-testid="support">
<summary>If this brings something up</summary>
<div class="support-body">
<p>These scenarios touch on sexual offending. It is normal for them to stir up feelings or memories, especially if you or someone close to you has been affected by abuse.</p>
<ul>
<li>You can stop at any time. Your progress is saved on this device.</li>
<li>Take a break and talk to your manager, your supervisor or a colleague you trust.</li>
<li>Use your employer’s support service, such as an employee assistance programme. Your manager or HR can tell you how to reach it.</li>
<li>Bring anything that stays with you to supervision: that is what it is for.</li>
</ul>
</div>
</details>"##;

/// The glossary page: the app's header (its links lead into the app; Glossary is the current
/// page), the "Who's who" (`network_intro`, then each role in file order, linked to its
/// entry), then every term A to Z in a description list.
pub fn glossary_page(glossary: &Glossary, app: &AppPage) -> String {
    let mut html = String::with_capacity(16 * 1024);
    html.push_str(&format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<!-- Written by `scenario pack` from scenarios/glossary.yaml: plain HTML, no script, the app's policy and stylesheet. -->
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Words used in the scenarios that a new worker may not know, and who is who in the network around him.">
<title>Glossary – Scenario Quiz</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{stylesheet}">
<link rel="stylesheet" href="{PAGE_CSS_FILE}">
</head>
<body class="glossary-page">
<a class="skip-link" href="#page_main">Skip to content</a>
<header class="site-header">
<div class="header-inner">
<a class="brand" href="index.html#/">Scenario Quiz</a>
<nav aria-label="Main">
<ul class="nav">
<li><a href="index.html#/">Scenarios</a></li>
<li><a href="index.html#/history">History</a></li>
<li><a href="index.html#/settings">Settings</a></li>
<li><a href="{PAGE}" aria-current="page">Glossary</a></li>
</ul>
</nav>
{SUPPORT}
</div>
</header>
<main id="page_main" class="page wide" tabindex="-1">
<h1>Glossary</h1>
<p class="lede">Words used in the scenarios that a new worker may not know, and who is who in the network around him. The scenarios open this page in a new tab: close it, or switch back to the scenario’s tab, to carry on where you were.</p>
"##,
        csp = app.csp,
        stylesheet = app.stylesheet,
    ));
    let roles: Vec<_> = glossary.network().collect();
    if !roles.is_empty() {
        html.push_str("<section class=\"network\" aria-labelledby=\"whos_who\">\n<h2 id=\"whos_who\">Who’s who</h2>\n");
        if let Some(intro) = &glossary.network_intro {
            html.push_str(&format!("<p>{}</p>\n", escape(intro)));
        }
        html.push_str("<ul class=\"roles\">\n");
        for (term, line) in roles {
            html.push_str(&format!(
                "<li class=\"role\"><h3><a href=\"#{id}\">{term}</a></h3><p>{line}</p></li>\n",
                id = term.id,
                term = escape(&term.term),
                line = escape(line),
            ));
        }
        html.push_str("</ul>\n</section>\n");
    }
    html.push_str("<section aria-labelledby=\"a_to_z\">\n<h2 id=\"a_to_z\">Every word, A to Z</h2>\n<dl class=\"terms\">\n");
    let mut terms: Vec<_> = glossary.terms.iter().collect();
    terms.sort_by_cached_key(|t| t.term.to_lowercase());
    for term in terms {
        html.push_str(&format!(
            "<div class=\"entry\" id=\"{id}\"><dt>{term}</dt><dd>{means}</dd></div>\n",
            id = term.id,
            term = escape(&term.term),
            means = escape(&term.means),
        ));
    }
    html.push_str("</dl>\n</section>\n</main>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::glossary::Term;

    const BUILT: &str = r##"<!doctype html><html><head>
    <meta
      http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
    />
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./app-6636bd5eb59cd65b.css" integrity="sha384-WH8"/>
    </head></html>"##;

    fn term(id: &str, term: &str, means: &str, network: Option<&str>) -> Term {
        Term {
            id: id.into(),
            term: term.into(),
            also: vec![],
            means: means.into(),
            network: network.map(str::to_owned),
        }
    }

    #[test]
    fn the_app_page_gives_its_policy_and_stylesheet() {
        let app = AppPage::of(BUILT).expect("read");
        assert_eq!(
            app.csp,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
        );
        assert_eq!(app.stylesheet, "./app-6636bd5eb59cd65b.css");
        // The source index.html, not yet built, names no stylesheet.
        let source = include_str!("../../../../index.html");
        assert!(AppPage::of(source).unwrap_err().contains("stylesheet"));
        assert!(AppPage::of("<html></html>")
            .unwrap_err()
            .contains("Content-Security-Policy"));
    }

    #[test]
    fn every_term_is_an_anchor_and_text_is_escaped() {
        let glossary = Glossary {
            network_intro: Some("You & <them>.".into()),
            terms: vec![
                term("recall", "Recall", "Back to \"prison\".", None),
                term(
                    "dsl",
                    "DSL",
                    "<script>alert(1)</script>",
                    Some("Hears 'concerns'."),
                ),
                term("appeal", "appeal", "Lower case sorts with the rest.", None),
            ],
        };
        let html = glossary_page(&glossary, &AppPage::of(BUILT).expect("read"));
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("<p>You &amp; &lt;them&gt;.</p>"));
        assert!(html.contains("<h3><a href=\"#dsl\">DSL</a></h3><p>Hears &#39;concerns&#39;.</p>"));
        let order: Vec<usize> = ["id=\"appeal\"", "id=\"dsl\"", "id=\"recall\""]
            .iter()
            .map(|id| html.find(id).expect(id))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "A to Z: {order:?}");
        assert!(html.contains("<link rel=\"stylesheet\" href=\"./app-6636bd5eb59cd65b.css\">"));
        assert!(html.contains("content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'\""));
        // Without roles, no Who's who.
        let no_roles = Glossary {
            network_intro: None,
            terms: vec![term("recall", "Recall", "Back to prison.", None)],
        };
        let html = glossary_page(&no_roles, &AppPage::of(BUILT).expect("read"));
        assert!(!html.contains("whos_who"));
    }
}
