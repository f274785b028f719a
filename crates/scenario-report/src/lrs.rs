//! The statements API as the report reads it, shared by the CLI (`scenario report --lrs`) and
//! the trainer page (`report.html`): which addresses may carry credentials and results, the
//! first page's URL and how a `more` link resolves. Pure: the callers do the HTTP.

/// Whether `url` may be used: https anywhere, plain http only to a loopback address
/// (credentials and learners' results must not cross a network in the clear).
pub fn check_url(url: &str) -> Result<(), String> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(());
    }
    let Some(rest) = lower.strip_prefix("http://") else {
        return Err(format!(
            "{url}: only http:// (loopback) and https:// addresses are supported"
        ));
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = host_port.rsplit_once('@').map_or(host_port, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        return Err(format!(
            "{url}: plain http is only allowed to a loopback address; use https"
        ));
    }
    Ok(())
}

/// Percent-encodes a query component (RFC 3986 unreserved characters stay).
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The endpoint with its final `/` (the launch-style `endpoint` may come without one).
pub fn base(endpoint: &str) -> String {
    let endpoint = endpoint.trim();
    if endpoint.ends_with('/') {
        endpoint.to_string()
    } else {
        format!("{endpoint}/")
    }
}

/// The first page: every statement about `activity` and its decisions
/// (`related_activities=true`), 100 to a page.
pub fn first_page(endpoint: &str, activity: &str) -> String {
    format!(
        "{}statements?activity={}&related_activities=true&limit=100",
        base(endpoint),
        encode(activity)
    )
}

/// Resolves an LRS's `more` link: absolute, origin-relative (`/xAPI/statements?…`, as Ralph
/// gives it) or relative to the endpoint.
pub fn resolve_more(endpoint: &str, more: &str) -> String {
    if more.starts_with("http://") || more.starts_with("https://") {
        return more.to_string();
    }
    let scheme_end = endpoint.find("://").map_or(0, |i| i + 3);
    let origin_end = endpoint[scheme_end..]
        .find('/')
        .map_or(endpoint.len(), |i| scheme_end + i);
    if more.starts_with('/') {
        format!("{}{more}", &endpoint[..origin_end])
    } else {
        format!("{}{more}", endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(check_url("http://127.0.0.1:8100/xAPI/").is_ok());
        assert!(check_url("http://localhost/").is_ok());
        assert!(check_url("http://[::1]:8123/").is_ok());
        assert!(check_url("https://lrs.example.org/xAPI/").is_ok());
        assert!(check_url("http://lrs.example.org/xAPI/").is_err());
        assert!(check_url("http://10.0.0.1/").is_err());
        assert!(check_url("ftp://127.0.0.1/").is_err());
    }

    #[test]
    fn more_links_resolve_against_the_origin() {
        let e = "http://127.0.0.1:8100/xAPI/";
        assert_eq!(
            resolve_more(e, "/xAPI/statements?a=1"),
            "http://127.0.0.1:8100/xAPI/statements?a=1"
        );
        assert_eq!(
            resolve_more(e, "statements?a=1"),
            "http://127.0.0.1:8100/xAPI/statements?a=1"
        );
        assert_eq!(resolve_more(e, "https://x.org/s"), "https://x.org/s");
        assert_eq!(encode("a b/ü"), "a%20b%2F%C3%BC");
        assert_eq!(
            first_page("http://127.0.0.1:8100/xAPI", "urn:a b"),
            "http://127.0.0.1:8100/xAPI/statements?activity=urn%3Aa%20b&related_activities=true&limit=100"
        );
    }
}
