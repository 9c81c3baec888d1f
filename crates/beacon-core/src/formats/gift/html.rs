//! HTML and Markdown in imported question text turned into plain text, safely.
//!
//! HTML goes through html5ever's tokenizer (the WHATWG tokenizer browsers use), so comments,
//! `>` inside quoted attributes, character references and `<script>` content are read exactly as
//! a browser reads them. Tags are dropped (scripts, styles and other hidden elements with their
//! content), images become their alt text (nothing is ever fetched), `<br>` and block elements
//! (paragraphs, list items, headings, table rows...) start a new line, and runs of white space
//! become one space, except inside `<pre>`. The tokenizer is a state machine with no recursion
//! and no tree is built, so deeply nested or enormous input cannot exhaust the stack.
//!
//! Markdown goes through pulldown-cmark, and its events are written out the same way.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};

/// Elements whose content is never shown.
const HIDDEN: [&str; 9] = [
    "script", "style", "head", "template", "iframe", "title", "noembed", "noframes", "object",
];
/// Elements that sit on lines of their own: their start and end both end the line before.
const BLOCKS: [&str; 33] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// Plain text being written: white space collapsed, lines ended where blocks end.
#[derive(Default)]
struct Text {
    out: String,
    /// White space seen since the last character written.
    space: bool,
    /// Inside `<pre>` (depth): white space is kept.
    pre: usize,
}

impl Text {
    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    /// Writes text as HTML shows it.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 {
                self.out.push(c);
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.at_line_start() {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }

    /// Ends the current line, if anything is on it.
    fn block(&mut self) {
        if !self.at_line_start() {
            self.out.push('\n');
        }
        self.space = false;
    }

    /// A line break (`<br>`).
    fn line_break(&mut self) {
        self.out.push('\n');
        self.space = false;
    }

    fn image(&mut self, alt: &str) {
        if alt.trim().is_empty() {
            self.text("[image]");
        } else {
            self.text("[image: ");
            self.text(alt);
            self.text("]");
        }
    }

    /// The text, with no empty lines and no space at the ends of lines.
    fn finish(self) -> String {
        self.out
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Receives html5ever's tokens.
#[derive(Default)]
struct Sink {
    text: RefCell<Text>,
    /// The hidden element being skipped, and how deeply it is nested in itself.
    hidden: RefCell<Option<(String, usize)>>,
}

impl Sink {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        {
            let mut hidden = self.hidden.borrow_mut();
            if let Some((open, depth)) = hidden.as_mut() {
                if open == name {
                    if start && !tag.self_closing {
                        *depth += 1;
                    } else if !start {
                        *depth -= 1;
                        if *depth == 0 {
                            *hidden = None;
                        }
                    }
                }
                return TokenSinkResult::Continue;
            }
            if start && !tag.self_closing && HIDDEN.contains(&name) {
                *hidden = Some((name.to_owned(), 1));
                // As a browser does: the content of these is raw text, not markup.
                return match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "style" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    _ => TokenSinkResult::Continue,
                };
            }
        }
        let mut text = self.text.borrow_mut();
        match name {
            "br" if start => text.line_break(),
            "img" if start => {
                let alt = tag
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "alt")
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                text.image(&alt);
            }
            "pre" => {
                text.block();
                if start {
                    text.pre += 1;
                } else {
                    text.pre = text.pre.saturating_sub(1);
                }
            }
            "li" if start => {
                text.block();
                text.text("• ");
            }
            "td" | "th" if start => text.text(" "),
            "textarea" if start => return TokenSinkResult::RawData(RawKind::Rcdata),
            _ if BLOCKS.contains(&name) => text.block(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => return self.tag(&tag),
            Token::CharacterTokens(chars) if self.hidden.borrow().is_none() => {
                self.text.borrow_mut().text(&chars);
            }
            // Comments, doctypes, NUL characters and parse errors show nothing.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Plain text of an HTML fragment.
#[must_use]
pub fn to_text(html: &str) -> String {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.text.into_inner().finish()
}

/// Plain text of Markdown (CommonMark): paragraphs, headings, list items and block quotes on
/// lines of their own, emphasis and links as their text, images as their alt text, code as
/// written, and HTML in it as [`to_text`] reads it.
#[must_use]
pub fn markdown_to_text(markdown: &str) -> String {
    let mut text = Text::default();
    let mut image = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(MdTag::Image { .. }) => {
                image += 1;
                if image == 1 {
                    text.text("[image: ");
                }
            }
            Event::End(TagEnd::Image) => {
                image = image.saturating_sub(1);
                if image == 0 {
                    text.text("]");
                }
            }
            Event::Start(MdTag::Item) => {
                text.block();
                text.text("• ");
            }
            Event::Start(MdTag::CodeBlock(_)) => {
                text.block();
                text.pre += 1;
            }
            Event::End(TagEnd::CodeBlock) => {
                text.pre = text.pre.saturating_sub(1);
                text.block();
            }
            Event::Start(
                MdTag::Paragraph
                | MdTag::Heading { .. }
                | MdTag::BlockQuote(_)
                | MdTag::List(_)
                | MdTag::Table(_)
                | MdTag::TableRow
                | MdTag::TableHead,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::Rule => text.block(),
            Event::Start(MdTag::TableCell) | Event::SoftBreak => text.text(" "),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.text(&t);
            }
            Event::HardBreak => text.line_break(),
            Event::Html(h) | Event::InlineHtml(h) => {
                let plain = to_text(&h);
                if !plain.is_empty() {
                    text.text(&plain);
                    text.text(" ");
                }
            }
            Event::TaskListMarker(done) => text.text(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    text.finish()
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
    }

    #[test]
    fn comments_show_nothing_even_with_tags_inside() {
        assert_eq!(
            to_text("before<!-- <b>draft</b> > still a comment -->after"),
            "beforeafter"
        );
        assert_eq!(to_text("a <!-- unclosed comment b"), "a");
    }

    #[test]
    fn a_greater_than_sign_inside_a_quoted_attribute_does_not_end_the_tag() {
        assert_eq!(
            to_text("<span title=\"a > b\">Article 3</span> of the Protocol"),
            "Article 3 of the Protocol"
        );
        assert_eq!(to_text("<img alt='5 > 3' src=\"x.png\">"), "[image: 5 > 3]");
    }

    #[test]
    fn block_tags_that_open_a_line_start_a_new_line() {
        assert_eq!(
            to_text("Read this:<p>First point</p>"),
            "Read this:\nFirst point"
        );
        assert_eq!(to_text("<div>one</div><div>two</div>"), "one\ntwo");
        assert_eq!(
            to_text("Three parts:<ul><li>act<li>means<li>purpose</ul>done"),
            "Three parts:\n• act\n• means\n• purpose\ndone"
        );
        assert_eq!(to_text("Title<h2>Heading</h2>text"), "Title\nHeading\ntext");
    }

    #[test]
    fn white_space_collapses_as_in_a_browser_except_in_pre() {
        assert_eq!(to_text("one\n   two\t three"), "one two three");
        assert_eq!(to_text("<pre>a  b\n  c</pre>"), "a  b\n  c");
    }

    #[test]
    fn script_content_is_raw_text_even_when_it_looks_like_a_tag() {
        assert_eq!(
            to_text("a<script>if (x < y) { document.write('</p>') }</script>b"),
            "ab"
        );
        assert_eq!(
            to_text("<template><template>x</template>y</template>z"),
            "z"
        );
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

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            markdown_to_text(
                "The **Palermo** Protocol, *2000*: see [UNODC](https://www.unodc.org)."
            ),
            "The Palermo Protocol, 2000: see UNODC."
        );
        assert_eq!(
            markdown_to_text("# Three parts\n\n- act\n- means\n- purpose"),
            "Three parts\n• act\n• means\n• purpose"
        );
        assert_eq!(
            markdown_to_text("A line  \nbreak and `code`, ![a map](m.png)"),
            "A line\nbreak and code, [image: a map]"
        );
        assert_eq!(markdown_to_text("> quoted\n\nafter"), "quoted\nafter");
    }

    #[test]
    fn deeply_nested_markdown_is_no_problem() {
        let quotes = format!("{}text", "> ".repeat(50_000));
        assert_eq!(markdown_to_text(&quotes), "text");
        let brackets = format!("{}text", "[".repeat(50_000));
        assert!(markdown_to_text(&brackets).ends_with("text"));
        let lists = format!("{}text", "- ".repeat(50_000));
        assert!(markdown_to_text(&lists).ends_with("text"));
    }
}
