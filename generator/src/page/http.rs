//! HTTP code blocks: a request (method, path template, headers, body) or a response (status line,
//! headers, body).

/// A parsed `http` block.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpMessage {
    Request(HttpRequest),
    Response(HttpResponse),
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    pub method: String,
    /// The URL as written.
    pub url: String,
    /// The path without the service root (`https://graph.microsoft.com/v1.0`, `/beta`, ...) and
    /// without the query string; `None` when the URL is a placeholder.
    pub path: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// Line offset of the body's first line within the block.
    pub body_line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub body_line: usize,
}

const METHODS: [&str; 7] = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Parses an http block. `None` when its first line is neither a request line nor a status line.
pub fn parse_http(block: &str) -> Option<HttpMessage> {
    let mut lines = block
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (_, first) = lines.next()?;
    let first = first.trim();
    let mut headers = Vec::new();
    let mut body_line = None;
    for (i, line) in lines.by_ref() {
        if line.trim().is_empty() {
            body_line = Some(i + 1);
            break;
        }
        match line.split_once(':') {
            Some((k, v)) if !k.contains(' ') && !k.starts_with('{') => {
                headers.push((k.trim().to_owned(), v.trim().to_owned()))
            }
            _ => {
                body_line = Some(i);
                break;
            }
        }
    }
    let (body, body_line) = match body_line {
        Some(start) => {
            let body: Vec<&str> = block.lines().skip(start).collect();
            let text = body.join("\n");
            let lead = body.iter().take_while(|l| l.trim().is_empty()).count();
            (
                Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
                start + lead,
            )
        }
        None => (None, 0),
    };

    if let Some(rest) = first.strip_prefix("HTTP/") {
        let status = rest.split_whitespace().nth(1)?.parse().ok()?;
        return Some(HttpMessage::Response(HttpResponse {
            status,
            headers,
            body,
            body_line,
        }));
    }
    let (method, rest) = first.split_once(char::is_whitespace)?;
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let url = rest.trim().trim_end_matches("HTTP/1.1").trim().to_owned();
    let path = path_template(&url);
    Some(HttpMessage::Request(HttpRequest {
        method,
        url,
        path,
        headers,
        body,
        body_line,
    }))
}

/// `https://graph.microsoft.com/v1.0/me/events?$top=1` → `/me/events`. Placeholders (`** Entity URI
/// ... not found`) and URLs with spaces give `None`.
pub fn path_template(url: &str) -> Option<String> {
    if url.contains("**") || url.contains("not found") {
        return None;
    }
    let mut path = url;
    for scheme in ["https://", "http://"] {
        if let Some(rest) = path.strip_prefix(scheme) {
            path = rest.find('/').map_or("/", |i| &rest[i..]);
        }
    }
    for root in ["/v1.0", "/beta"] {
        if let Some(rest) = path.strip_prefix(root) {
            if rest.is_empty() || rest.starts_with('/') {
                path = rest;
            }
        }
    }
    let path = path.split('?').next().unwrap_or(path).trim();
    if path.is_empty() || path.contains(char::is_whitespace) {
        return None;
    }
    if path.starts_with('/') {
        return Some(path.to_owned());
    }
    // `POST policies/claimsMappingPolicies`: a path whose leading slash was left out starts
    // with a segment that is an identifier.
    let first = path.split('/').next().unwrap_or(path);
    (path.contains('/') && crate::page::is_identifier(first)).then(|| format!("/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_with_body() {
        let m = parse_http("POST https://graph.microsoft.com/v1.0/communications/calls/{id}/updateRecordingStatus\nContent-Type: application/json\nContent-Length: 79\n\n{\n  \"a\": 1\n}").unwrap();
        let HttpMessage::Request(r) = m else {
            panic!("not a request")
        };
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.path.as_deref(),
            Some("/communications/calls/{id}/updateRecordingStatus")
        );
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.body.as_deref(), Some("{\n  \"a\": 1\n}"));
        assert_eq!(r.body_line, 4);
    }

    #[test]
    fn response_and_placeholders() {
        let m = parse_http("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{}").unwrap();
        assert!(matches!(
            m,
            HttpMessage::Response(HttpResponse { status: 200, .. })
        ));
        assert_eq!(
            path_template("** Entity URI for microsoft.graph.operation not found"),
            None
        );
        assert_eq!(
            path_template("https://graph.microsoft.com/docs\\api** Entity URI for x not found"),
            None
        );
        assert_eq!(
            path_template("/me/events?$select=subject"),
            Some("/me/events".to_owned())
        );
        // A path without its leading slash starts with an identifier segment.
        assert_eq!(
            path_template("policies/claimsMappingPolicies"),
            Some("/policies/claimsMappingPolicies".to_owned())
        );
        assert_eq!(path_template("policies"), None);
        assert_eq!(path_template("see the docs/x"), None);
        assert!(parse_http("not http").is_none());
    }
}
