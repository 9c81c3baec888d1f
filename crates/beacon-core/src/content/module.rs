//! Turns a raw module file into a typed [`Module`], checking everything that can be checked
//! inside one file. Links to other files (fact ids, duplicates) are checked by the loader.

use std::collections::HashSet;
use std::fmt::Write;
use std::path::Path;

use toml::Spanned;

use super::check::Checker;
use super::model::{Event, Fact, FactNumber, HelpLine, Module, Reference, Section, Term};
use super::question::{FactLinks, question};
use super::raw::{RawCourse, RawModule};

/// Ids that must be unique across the whole course, with where each is defined.
#[derive(Debug, Default)]
pub(crate) struct Declared {
    /// Module id.
    pub module: Option<Spanned<String>>,
    /// Fact ids.
    pub facts: Vec<Spanned<String>>,
    /// Event ids.
    pub events: Vec<Spanned<String>>,
    /// Question ids.
    pub questions: Vec<Spanned<String>>,
    /// Terms, lower-cased.
    pub terms: Vec<Spanned<String>>,
    /// Fact ids that questions, terms and events link to.
    pub links: FactLinks,
    /// Source ids that facts, terms and events cite.
    pub citations: Vec<Spanned<String>>,
}

/// Converts one module file. The module is `None` when the file has errors.
pub(crate) fn module(
    ck: &mut Checker<'_>,
    raw: &RawModule,
    file: &Path,
    whole: &std::ops::Range<usize>,
) -> (Option<Module>, Declared) {
    let mut declared = Declared::default();
    let id = ck.text(whole, &raw.id, "id");
    if let (Some(id), Some(field)) = (&id, &raw.id) {
        if !is_slug(id) {
            ck.error(
                &field.span(),
                format!("module id `{id}` may only use letters, digits and -"),
            );
        }
        declared.module = Some(Spanned::new(field.span(), id.clone()));
    }
    let title = ck.text(whole, &raw.title, "title");
    let summary = ck.text(whole, &raw.summary, "summary");
    let objectives = ck.list(whole, &raw.objectives, "objectives");

    let mut sections = Vec::new();
    let mut section_ids = HashSet::new();
    if raw.sections.is_empty() {
        ck.error(
            whole,
            "missing `[[sections]]`: a module needs at least one section",
        );
    }
    for s in &raw.sections {
        let span = s.span();
        let sid = ck.text(&span, &s.get_ref().id, "id");
        let stitle = ck.text(&span, &s.get_ref().title, "title");
        let text = ck.opt_text(&s.get_ref().text, "text");
        if let Some(sid) = &sid
            && !section_ids.insert(sid.clone())
        {
            ck.error(
                &span,
                format!("section id `{sid}` is used twice in this module"),
            );
        }
        if let (Some(id), Some(title)) = (sid, stitle) {
            sections.push(Section { id, title, text });
        }
    }
    let section_ref =
        |ck: &mut Checker<'_>, owner: &std::ops::Range<usize>, field: &Option<Spanned<String>>| {
            let name = ck.text(owner, field, "section")?;
            if !section_ids.contains(&name) {
                let span = field.as_ref().map(Spanned::span).unwrap_or_default();
                let known: Vec<&str> = section_ids.iter().map(String::as_str).collect();
                let mut message = format!("unknown section `{name}`");
                if let Some(hint) = super::check::did_you_mean(&name, &known) {
                    let _ = write!(message, "; did you mean `{hint}`?");
                }
                ck.error(&span, message);
                return None;
            }
            Some(name)
        };

    let mut facts = Vec::new();
    if raw.facts.is_empty() {
        ck.error(
            whole,
            "missing `[[facts]]`: a module needs at least one fact",
        );
    }
    for f in &raw.facts {
        let span = f.span();
        let r = f.get_ref();
        let fid = ck.text(&span, &r.id, "id");
        if let (Some(fid), Some(field)) = (&fid, &r.id) {
            declared.facts.push(Spanned::new(field.span(), fid.clone()));
        }
        let section = section_ref(ck, &span, &r.section);
        let text = ck.text(&span, &r.text, "text");
        let source = cite(ck, &mut declared, &span, &r.source);
        let date = r
            .date
            .as_ref()
            .and_then(|d| ck.date(&d.span(), d.get_ref()));
        let year = match &r.year {
            Some(y) => match i32::try_from(*y.get_ref()) {
                Ok(v) if (1000..=2200).contains(&v) => Some(v),
                _ => {
                    ck.error(
                        &y.span(),
                        format!("year {} is not a plausible year", y.get_ref()),
                    );
                    None
                }
            },
            None => date.map(|d| d.year),
        };
        let number = r.number.as_ref().and_then(|n| {
            let ns = n.span();
            let n = n.get_ref();
            let ask = ck.text(&ns, &n.ask, "ask");
            let unit = ck.opt_text(&n.unit, "unit");
            let tolerance = match &n.tolerance {
                Some(t) if *t.get_ref() < 0.0 => {
                    ck.error(
                        &t.span(),
                        format!("tolerance must be 0 or more, not {}", t.get_ref()),
                    );
                    None
                }
                Some(t) => Some(*t.get_ref()),
                None => Some(0.0),
            };
            let value = match &n.value {
                Some(v) => Some(*v.get_ref()),
                None => {
                    ck.error(&ns, "missing field `value`");
                    None
                }
            };
            Some(FactNumber {
                value: value?,
                ask: ask?,
                unit,
                tolerance: tolerance?,
            })
        });
        if let (Some(id), Some(section), Some(text), Some(source)) = (fid, section, text, source) {
            facts.push(Fact {
                id,
                section,
                text,
                source,
                year,
                date,
                number,
                quiz: r.quiz.as_ref().is_none_or(|q| *q.get_ref()),
            });
        }
    }

    let mut terms = Vec::new();
    for t in &raw.terms {
        let span = t.span();
        let r = t.get_ref();
        let term = ck.text(&span, &r.term, "term");
        let definition = ck.text(&span, &r.definition, "definition");
        let section = section_ref(ck, &span, &r.section);
        let source = cite(ck, &mut declared, &span, &r.source);
        let fact = ck.opt_text(&r.fact, "fact");
        if let (Some(term), Some(field)) = (&term, &r.term) {
            declared
                .terms
                .push(Spanned::new(field.span(), term.to_lowercase()));
        }
        if let (Some(fact), Some(field)) = (&fact, &r.fact) {
            declared
                .links
                .push(Spanned::new(field.span(), fact.clone()));
        }
        if let (Some(term), Some(definition), Some(section), Some(source)) =
            (term, definition, section, source)
        {
            terms.push(Term {
                term,
                definition,
                section,
                source,
                fact,
            });
        }
    }

    let mut events = Vec::new();
    for e in &raw.events {
        let span = e.span();
        let r = e.get_ref();
        let eid = ck.text(&span, &r.id, "id");
        if let (Some(eid), Some(field)) = (&eid, &r.id) {
            declared
                .events
                .push(Spanned::new(field.span(), eid.clone()));
        }
        let date_text = ck.text(&span, &r.date, "date");
        let date = date_text
            .and_then(|d| ck.date(&r.date.as_ref().map(Spanned::span).unwrap_or_default(), &d));
        let title = ck.text(&span, &r.title, "title");
        let description = ck.text(&span, &r.description, "description");
        let source = cite(ck, &mut declared, &span, &r.source);
        let fact = ck.opt_text(&r.fact, "fact");
        if let (Some(fact), Some(field)) = (&fact, &r.fact) {
            declared
                .links
                .push(Spanned::new(field.span(), fact.clone()));
        }
        if let (Some(id), Some(date), Some(title), Some(description), Some(source)) =
            (eid, date, title, description, source)
        {
            events.push(Event {
                id,
                date,
                title,
                description,
                source,
                fact,
            });
        }
    }
    events.sort_by_key(|e| e.date);

    let mut questions = Vec::new();
    if raw.questions.is_empty() {
        ck.error(
            whole,
            "missing `[[questions]]`: a module needs at least one question",
        );
    }
    for q in &raw.questions {
        if let Some(field) = &q.get_ref().id {
            declared.questions.push(Spanned::new(
                field.span(),
                field.get_ref().trim().to_owned(),
            ));
        }
        if let Some((question, links)) = question(ck, q) {
            declared.links.extend(links);
            questions.push(question);
        }
    }

    let module = (!ck.has_errors()).then(|| Module {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        summary: summary.unwrap_or_default(),
        objectives: objectives
            .unwrap_or_default()
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        sections,
        facts,
        terms,
        events,
        questions,
        file: file.to_path_buf(),
    });
    (module, declared)
}

/// A `source` field read as a citation, noted in `declared` so that the loader can check that
/// the course declares its source.
fn cite(
    ck: &mut Checker<'_>,
    declared: &mut Declared,
    owner: &std::ops::Range<usize>,
    field: &Option<Spanned<String>>,
) -> Option<super::model::Source> {
    let source = ck.source(owner, field)?;
    let span = field.as_ref().map(Spanned::span).unwrap_or_default();
    declared
        .citations
        .push(Spanned::new(span, source.id.clone()));
    Some(source)
}

/// Reports each citation of a source that the course does not declare; whether every cited
/// source is declared.
pub(crate) fn check_citations(
    ck: &mut Checker<'_>,
    declared: &Declared,
    sources: &HashSet<&str>,
) -> bool {
    let mut ok = true;
    for cited in &declared.citations {
        if !sources.contains(cited.get_ref().as_str()) {
            ck.error(
                &cited.span(),
                format!(
                    "cites source `{}`, which course.toml does not declare: add it under [[sources]] with an id and a title (and optionally url, author and date)",
                    cited.get_ref()
                ),
            );
            ok = false;
        }
    }
    ok
}

/// Converts `course.toml`. Missing texts are reported and left empty so the app can still start.
pub(crate) fn course_info(
    ck: &mut Checker<'_>,
    raw: &RawCourse,
    whole: &std::ops::Range<usize>,
) -> (super::model::CourseInfo, Vec<Spanned<String>>) {
    let mut text = |field, name| ck.text(whole, field, name).unwrap_or_default();
    let info = super::model::CourseInfo {
        id: text(&raw.id, "id"),
        title: text(&raw.title, "title"),
        version: text(&raw.version, "version"),
        language: text(&raw.language, "language"),
        description: text(&raw.description, "description"),
        content_note: text(&raw.content_note, "content_note"),
        help_lines: Vec::new(),
        sources: Vec::new(),
        assessment: super::model::Assessment::default(),
        xapi_base: String::new(),
        organisation: super::model::Organisation::default(),
        study_hours: None,
        seed_paragraphs: raw
            .seed_paragraphs
            .as_ref()
            .map(|p| p.get_ref().clone())
            .unwrap_or_default(),
        cues: raw
            .cues
            .as_ref()
            .map(|c| super::cues::settings_from(ck, c.get_ref()))
            .unwrap_or_default(),
        folder: std::path::PathBuf::new(),
    };
    let order = ck.list(whole, &raw.modules, "modules").unwrap_or_default();
    let help_lines = raw
        .help_lines
        .iter()
        .filter_map(|h| {
            let span = h.span();
            let r = h.get_ref();
            let name = ck.text(&span, &r.name, "name");
            let contact = ck.text(&span, &r.contact, "contact");
            let country = ck.text(&span, &r.country, "country");
            let note = ck.opt_text(&r.note, "note");
            Some(HelpLine {
                name: name?,
                contact: contact?,
                country: country?,
                note,
            })
        })
        .collect();
    let mut source_ids = HashSet::new();
    let sources = raw
        .sources
        .iter()
        .filter_map(|s| {
            let span = s.span();
            let r = s.get_ref();
            let id = ck.text(&span, &r.id, "id");
            if let (Some(id), Some(field)) = (&id, &r.id) {
                if super::check::parse_source(id).is_none_or(|c| c.locator.is_some()) {
                    ck.error(
                        &field.span(),
                        format!("source id `{id}` may only use letters, digits, - and _"),
                    );
                } else if !source_ids.insert(id.clone()) {
                    ck.error(&field.span(), format!("source id `{id}` is declared twice"));
                }
            }
            let title = ck.text(&span, &r.title, "title");
            let url = ck.opt_text(&r.url, "url");
            let author = ck.opt_text(&r.author, "author");
            let date = r
                .date
                .as_ref()
                .and_then(|d| ck.date(&d.span(), d.get_ref().trim()));
            Some(Reference {
                id: id?,
                title: title?,
                url,
                author,
                date,
            })
        })
        .collect();
    let xapi_base = match ck.opt_text(&raw.xapi_base, "xapi_base") {
        Some(iri) if is_iri(&iri) => iri.trim_end_matches('/').to_owned(),
        Some(iri) => {
            let span = raw
                .xapi_base
                .as_ref()
                .map(Spanned::span)
                .unwrap_or_default();
            ck.error(&span, format!("xapi_base `{iri}` is not an absolute IRI such as https://example.org/courses/mine"));
            String::new()
        }
        None => String::new(),
    };
    let assessment = raw
        .assessment
        .as_ref()
        .map(|a| assessment(ck, a, &order))
        .unwrap_or_default();
    let organisation = raw
        .organisation
        .as_ref()
        .map(|o| organisation(ck, o))
        .unwrap_or_default();
    let study_hours = raw.study_hours.as_ref().and_then(|h| {
        let v = *h.get_ref();
        if v > 0.0 && v <= 1000.0 {
            Some(v)
        } else {
            ck.error(
                &h.span(),
                format!("`study_hours` must be more than 0 and at most 1000, not {v}"),
            );
            None
        }
    });
    (
        super::model::CourseInfo {
            help_lines,
            sources,
            assessment,
            xapi_base,
            organisation,
            study_hours,
            ..info
        },
        order,
    )
}

/// Converts `[organisation]`. The logo's bytes are added by the loader, which has the files.
fn organisation(
    ck: &mut Checker<'_>,
    raw: &Spanned<super::raw::RawOrganisation>,
) -> super::model::Organisation {
    let span = raw.span();
    let o = raw.get_ref();
    let name = ck.text(&span, &o.name, "name").unwrap_or_default();
    let home_page = match ck.opt_text(&o.home_page, "home_page") {
        Some(iri) if is_iri(&iri) => iri,
        Some(iri) => {
            let at = o.home_page.as_ref().map(Spanned::span).unwrap_or_default();
            ck.error(
                &at,
                format!("home_page `{iri}` is not an absolute address such as https://example.org"),
            );
            String::new()
        }
        None => String::new(),
    };
    let logo = ck.opt_text(&o.logo, "logo").map(|file| super::model::Logo {
        file,
        png: Vec::new(),
    });
    super::model::Organisation {
        name,
        home_page,
        logo,
        signatory: ck.opt_text(&o.signatory, "signatory"),
        signatory_role: ck.opt_text(&o.signatory_role, "signatory_role"),
    }
}

/// Whether `id` uses only ASCII letters, digits and `-`.
fn is_slug(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Whether `iri` is absolute (`https://…`, `urn:…`); no spaces allowed, although the URL parser
/// would quietly drop some.
fn is_iri(iri: &str) -> bool {
    !iri.contains(char::is_whitespace) && url::Url::parse(iri).is_ok()
}

/// Converts `[assessment]`; module ids are checked against the course's module order.
fn assessment(
    ck: &mut Checker<'_>,
    raw: &Spanned<super::raw::RawAssessment>,
    order: &[Spanned<String>],
) -> super::model::Assessment {
    let a = raw.get_ref();
    let mut out = super::model::Assessment::default();
    let mut int = |field: &Option<Spanned<i64>>,
                   name: &str,
                   range: std::ops::RangeInclusive<i64>|
     -> Option<i64> {
        let f = field.as_ref()?;
        let v = *f.get_ref();
        if range.contains(&v) {
            Some(v)
        } else {
            ck.error(
                &f.span(),
                format!(
                    "`{name}` must be from {} to {}, not {v}",
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    };
    if let Some(v) = int(&a.questions, "questions", 1..=500) {
        out.questions = usize::try_from(v).unwrap_or(out.questions);
    }
    if let Some(v) = int(&a.pass_mark, "pass_mark", 1..=100) {
        out.pass_mark = u8::try_from(v).unwrap_or(out.pass_mark);
    }
    out.module_pass_mark = int(&a.module_pass_mark, "module_pass_mark", 1..=100)
        .and_then(|v| u8::try_from(v).ok())
        .unwrap_or(out.pass_mark);
    out.time_limit_minutes = int(&a.time_limit_minutes, "time_limit_minutes", 1..=600)
        .and_then(|v| u32::try_from(v).ok());
    if let Some(v) = int(&a.attempts, "attempts", 0..=100) {
        // 0 asks for no limit.
        out.attempts = u32::try_from(v).ok().filter(|&n| n > 0);
    }
    if let Some(v) = int(&a.cooldown_hours, "cooldown_hours", 0..=24 * 90) {
        out.cooldown_hours = u32::try_from(v).unwrap_or(out.cooldown_hours);
    }
    if let Some(v) = int(
        &a.reading_words_per_minute,
        "reading_words_per_minute",
        50..=2000,
    ) {
        out.reading_words_per_minute = u32::try_from(v).unwrap_or(out.reading_words_per_minute);
    }
    out.lessons_first = a.lessons_first.as_ref().is_some_and(|b| *b.get_ref());
    if let Some(list) = &a.required {
        for m in list.get_ref() {
            if order.iter().any(|o| o.get_ref() == m.get_ref()) {
                out.required.push(m.get_ref().clone());
            } else {
                ck.error(
                    &m.span(),
                    format!(
                        "required module `{}` is not in the course's `modules`",
                        m.get_ref()
                    ),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_iri;

    #[test]
    fn xapi_base_must_be_an_absolute_iri() {
        assert!(is_iri("https://example.org/courses/mine"));
        assert!(is_iri("urn:beacon:un-against-trafficking"));
        assert!(!is_iri("example.org/courses/mine"));
        assert!(!is_iri("https://example.org/my courses"));
        assert!(!is_iri(""));
    }
}
