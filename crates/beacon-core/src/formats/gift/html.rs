//! HTML in imported question text turned into plain text, safely: tags are dropped (scripts and
//! styles with their content), images become their alt text (nothing is ever fetched), line
//! breaks and paragraphs become new lines, and entities are decoded. One flat loop over the
//! text, so deeply nested or enormous input cannot exhaust the stack. (A full HTML renderer such
//! as html2text walks its tree recursively, which untrusted input could exploit.)

/// Elements whose content is never shown.
const HIDDEN: [&str; 5] = ["script", "style", "head", "template", "iframe"];
/// Elements that end a line.
const BREAKS: [&str; 10] = [
    "br",
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
];

/// Plain text of an HTML fragment.
#[must_use]
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut hidden: Option<String> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if hidden.is_none() {
            out.push_str(&rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else {
            // An unclosed tag: the rest is text.
            if hidden.is_none() {
                out.push_str(&rest[lt..]);
            }
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(open) = &hidden {
            if closing && *open == name {
                hidden = None;
            }
            continue;
        }
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            hidden = Some(name);
            continue;
        }
        if name == "img" {
            if let Some(alt) = attribute(tag, "alt").filter(|a| !a.trim().is_empty()) {
                out.push_str("[image: ");
                out.push_str(alt);
                out.push(']');
            } else {
                out.push_str("[image]");
            }
        } else if BREAKS.contains(&name.as_str()) && (closing || name == "br") {
            out.push('\n');
        }
    }
    if hidden.is_none() {
        out.push_str(rest);
    }
    let decoded = html_escape::decode_html_entities(&out);
    decoded
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The value of `name="..."` in a tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))?;
    let value = tag.get(at + name.len() + 1..)?;
    let quote = value.chars().next()?;
    if quote == '"' || quote == '\'' {
        let inner = &value[1..];
        inner.find(quote).map(|end| &inner[..end])
    } else {
        value.split_whitespace().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_safe_plain_text() {
        assert_eq!(
            to_text("<p>Who is <b>buried</b> in Grant&#39;s tomb?</p>"),
            "Who is buried in Grant's tomb?"
        );
        assert_eq!(to_text("one<br>two<br/>three"), "one\ntwo\nthree");
        assert_eq!(to_text("a<script>alert('x')</script>b"), "ab");
        assert_eq!(to_text("<style>p{}</style>text"), "text");
        assert_eq!(
            to_text("<img src=\"http://evil.example/x.png\" alt=\"A map\">"),
            "[image: A map]"
        );
        assert_eq!(to_text("x &lt;y&gt; &amp; z"), "x <y> & z");
        assert_eq!(to_text("unclosed <b"), "unclosed <b");
    }

    #[test]
    fn deep_nesting_is_no_problem() {
        let deep = format!(
            "{}text{}",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        );
        assert_eq!(to_text(&deep), "text");
    }
}
