//! Building a [`Guide`] from a pack. Every passage is cleaned here, once,
//! so the views and the command line print it as it is.

use super::{Block, Field, Guide, Item, Number, Role, Section};
use crate::pack::{ContactLine, Guidance, Hours, Level, Pack, Span, Timescale};
use crate::text::{clean, clean_line};

/// The ids dutygrid gives its own sections; a pack section with one of
/// these ids is prefixed so every id stays unique.
const OWN_IDS: [&str; 7] = ["immediate", "referral", "consent", "escalation", "worry-questions", "numbers", "about"];

fn heading(text: &str) -> Block {
    Block::Heading { text: text.to_string() }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph { text: clean(text) }
}

fn items<'a>(numbered: bool, texts: impl IntoIterator<Item = &'a String>) -> Block {
    Block::Items { numbered, items: texts.into_iter().map(|t| Item { text: clean(t), sub: Vec::new() }).collect() }
}

fn field(key: &str, value: &str) -> Field {
    Field { key: clean_line(key), value: clean(value) }
}

/// "24 hours", "1 working day", "4 weeks".
pub fn span_words(span: Span) -> String {
    let (n, one, many) = match span {
        Span::Hours(n) => (n, "hour", "hours"),
        Span::WorkingDays(n) => (n, "working day", "working days"),
        Span::Weeks(n) => (n, "week", "weeks"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

fn timescale(key_prefix: &str, t: &Timescale) -> Field {
    field(&format!("{key_prefix}{}", span_words(t.within)), &t.text)
}

impl Guide {
    /// The pack as a guide, in reading order: levels, immediate protection,
    /// referral, consent, escalation, worry questions, the pack's own
    /// sections, the numbers directory, and how the pack reads the document.
    pub fn of(pack: &Pack) -> Guide {
        let mut sections: Vec<Section> =
            pack.levels.iter().enumerate().map(|(n, level)| level_section(pack, n, level)).collect();
        sections.push(immediate(pack));
        let guidance = &pack.guidance;
        sections.extend(referral(pack, guidance));
        sections.extend(consent(guidance));
        sections.extend(escalation(guidance));
        sections.extend(worry_questions(guidance));
        for s in &guidance.sections {
            let taken = OWN_IDS.contains(&s.id.as_str()) || s.id.starts_with("level-");
            let id = if taken { format!("section-{}", s.id) } else { s.id.clone() };
            let mut blocks: Vec<Block> = s.paragraphs.iter().map(|p| paragraph(p)).collect();
            if !s.items.is_empty() {
                blocks.push(items(false, &s.items));
            }
            sections.push(Section { id, title: clean_line(&s.title), blocks });
        }
        sections.push(numbers(pack));
        sections.push(about(pack));
        Guide {
            pack: pack.id.clone(),
            title: clean_line(&pack.title),
            edition: pack.edition.as_deref().map(clean_line),
            publisher: clean_line(&pack.publisher),
            sections,
        }
    }
}

fn level_section(pack: &Pack, n: usize, level: &Level) -> Section {
    let mut blocks = Vec::new();
    if !level.also_known_as.is_empty() {
        let names: Vec<String> = level.also_known_as.iter().map(|a| clean_line(a)).collect();
        blocks.push(Block::Fields { fields: vec![field("Also called", &names.join("; "))] });
    }
    blocks.push(paragraph(&level.description));
    if let Some(action) = &level.action {
        blocks.extend([heading("What to do"), paragraph(action)]);
    }
    if level.immediate_protection {
        blocks.push(Block::Paragraph {
            text: "dutygrid treats every indicator at this level as immediate protection.".to_string(),
        });
    }
    if let Some(send) = &level.send {
        blocks.extend([heading("Children with SEND"), paragraph(send)]);
    }
    if !level.services.is_empty() {
        blocks.extend([heading("Services"), items(false, &level.services)]);
    }
    if !level.assessments.is_empty() {
        blocks.extend([heading("Assessments"), items(false, &level.assessments)]);
    }
    let above = n.checked_add(1).and_then(|i| pack.levels.get(i));
    for threshold in pack.thresholds.iter().filter(|t| t.above_level == level.id) {
        let between = above.map(|a| format!(" (between this level and {})", clean_line(&a.name))).unwrap_or_default();
        blocks.push(heading(&format!("Threshold: {}{between}", clean_line(&threshold.name))));
        blocks.extend(threshold.text.iter().map(|t| paragraph(t)));
    }
    Section {
        id: format!("level-{}", level.id),
        title: format!("Level {}: {}", n + 1, clean_line(&level.name)),
        blocks,
    }
}

fn immediate(pack: &Pack) -> Section {
    let imm = &pack.immediate;
    let mut blocks: Vec<Block> = imm.intro.iter().map(|p| paragraph(p)).collect();
    blocks.push(heading("What to do"));
    blocks.extend(imm.action.iter().map(|p| paragraph(p)));
    blocks.push(heading("The list"));
    blocks.push(Block::Items {
        numbered: false,
        items: imm
            .items
            .iter()
            .map(|i| Item { text: clean(&i.text), sub: i.sub.iter().map(|s| clean(&s.text)).collect() })
            .collect(),
    });
    Section { id: "immediate".to_string(), title: clean_line(&imm.title), blocks }
}

fn referral(pack: &Pack, guidance: &Guidance) -> Option<Section> {
    let r = guidance.referral.as_ref()?;
    let mut blocks: Vec<Block> = r.how.iter().map(|p| paragraph(p)).collect();
    let office = &pack.contacts.office;
    let mut fields = vec![field(&office.name, &office.numbers.join(" or "))];
    fields.extend(office.channels.iter().map(|c| field(&c.kind, &c.value)));
    if let Some(form) = &r.form_name {
        fields.push(field("The written referral is called", form));
    }
    blocks.extend([heading("How to reach them"), Block::Fields { fields }]);
    let form = r.form_name.as_deref().map(clean_line).unwrap_or_else(|| "Written referral".to_string());
    let mut times: Vec<Field> = r.written_within.iter().map(|t| timescale(&format!("{form} within "), t)).collect();
    // The one the feedback clock counts by says so: the referrer's question.
    let feedback = |t: &Timescale| r.feedback.as_deref() == Some(t.id.as_str());
    times.extend(
        r.timescales
            .iter()
            .map(|t| timescale(if feedback(t) { "Feedback to the referrer within " } else { "Within " }, t)),
    );
    if !times.is_empty() {
        blocks.extend([heading("Timescales"), Block::Fields { fields: times }]);
    }
    if let Some(u) = &r.urgency {
        let fields = [("Red", &u.red), ("Amber", &u.amber), ("Green", &u.green)]
            .into_iter()
            .map(|(rag, t)| timescale(&format!("{rag}: a decision within "), t))
            .collect();
        blocks.extend([heading("Decision by urgency"), Block::Fields { fields }]);
    }
    Some(Section { id: "referral".to_string(), title: "Making a referral".to_string(), blocks })
}

/// The consent rule to show beside the consent field, cleaned: the first
/// that says when information may be shared without consent (the question
/// when a parent refuses), else the first rule.
pub fn consent_rule(pack: &Pack) -> Option<String> {
    let rules = &pack.guidance.consent.as_ref()?.rules;
    let answers = |r: &&String| {
        let r = r.to_lowercase();
        r.contains("without consent") || r.contains("consent is not required")
    };
    rules.iter().find(answers).or_else(|| rules.first()).map(|r| clean_line(r))
}

fn consent(guidance: &Guidance) -> Option<Section> {
    let c = guidance.consent.as_ref()?;
    let mut blocks: Vec<Block> = c.rules.iter().map(|p| paragraph(p)).collect();
    if !c.exceptions.is_empty() {
        let texts: Vec<String> = c.exceptions.iter().map(|e| e.text.clone()).collect();
        blocks.extend([heading("When information may be shared without consent"), items(false, &texts)]);
    }
    if !c.golden_rules.is_empty() {
        blocks.extend([heading("Golden rules of information sharing"), items(true, &c.golden_rules)]);
    }
    Some(Section { id: "consent".to_string(), title: "Consent and information sharing".to_string(), blocks })
}

fn escalation(guidance: &Guidance) -> Option<Section> {
    let e = guidance.escalation.as_ref()?;
    let mut blocks: Vec<Block> = e.intro.iter().map(|p| paragraph(p)).collect();
    blocks.extend([heading("Stages"), items(true, &e.stages)]);
    if !e.timescales.is_empty() {
        let fields = e.timescales.iter().map(|t| timescale("Within ", t)).collect();
        blocks.extend([heading("Timescales"), Block::Fields { fields }]);
    }
    let title = "Escalation and professional disagreements".to_string();
    Some(Section { id: "escalation".to_string(), title, blocks })
}

fn worry_questions(guidance: &Guidance) -> Option<Section> {
    let w = guidance.worry_questions.as_ref()?;
    let mut blocks = vec![Block::Fields { fields: vec![field("Framework", &w.framework)] }];
    blocks.push(Block::Items {
        numbered: true,
        items: w
            .questions
            .iter()
            .map(|q| Item { text: clean(&q.text), sub: q.prompt.iter().map(|p| clean(p)).collect() })
            .collect(),
    });
    if let Some(s) = &w.scaling {
        blocks.extend([heading("Scaling"), paragraph(&s.question)]);
        blocks.push(Block::Fields {
            fields: vec![field(&s.min.to_string(), &s.min_means), field(&s.max.to_string(), &s.max_means)],
        });
    }
    if !w.further.is_empty() {
        blocks.extend([heading("Further questions"), items(false, &w.further)]);
    }
    Some(Section { id: "worry-questions".to_string(), title: "The worry questions".to_string(), blocks })
}

fn number(line: &ContactLine, role: Role) -> Block {
    Block::Number(Number {
        id: line.id.clone(),
        role,
        name: clean_line(&line.name),
        numbers: line.numbers.iter().map(|n| clean_line(n)).collect(),
        words: line.words.as_deref().map(clean),
        channels: line.channels.iter().map(|c| field(&c.kind, &c.value)).collect(),
        non_emergency: line.non_emergency,
        live: false,
    })
}

fn numbers(pack: &Pack) -> Section {
    let c = &pack.contacts;
    let mut blocks = vec![number(&c.office, Role::Office)];
    let hours = match &c.hours {
        Hours::Weekly(schedule) => {
            let mut fields = vec![field("Office hours, as printed", &schedule.as_printed)];
            if let Some(calendar) = &schedule.closed_on {
                fields.push(field("Closed on", &format!("bank holidays ({calendar} calendar)")));
            }
            fields
        }
        Hours::NotStated(reason) => vec![field("Office hours", &format!("not stated: {reason}"))],
    };
    blocks.push(Block::Fields { fields: hours });
    blocks.extend(c.out_of_hours.iter().map(|l| number(l, Role::OutOfHours)));
    blocks.extend(c.emergency.iter().map(|l| number(l, Role::Emergency)));
    if c.emergency.iter().all(|l| l.non_emergency) {
        blocks.push(Block::Paragraph {
            text: "The document prints no emergency number: for a child in immediate danger ring Police 999 \
                   (dutygrid's own line)."
                .to_string(),
        });
    }
    if !c.other.is_empty() {
        blocks.push(heading("Other useful numbers"));
        blocks.extend(c.other.iter().map(|l| number(l, Role::Other)));
    }
    Section { id: "numbers".to_string(), title: "Numbers directory".to_string(), blocks }
}

fn about(pack: &Pack) -> Section {
    let p = &pack.provenance;
    let mut fields = vec![field("Document", &p.document), field("Publisher", &p.publisher)];
    fields.push(match &pack.edition {
        Some(edition) => field("Edition", edition),
        None => field("Edition", "the document prints none (see the transcriber's notes)"),
    });
    fields.push(field("Transcribed from", &p.source));
    fields.push(match &pack.checked {
        Some(c) => field(
            "Contacts and hours checked",
            &format!("on {} by {} against {}", c.on.format("%-d %B %Y"), c.by, c.against),
        ),
        None => field("Contacts and hours checked", "no check against the publisher's live pages is recorded"),
    });
    let mut blocks = vec![Block::Fields { fields }];
    blocks.extend([heading("Guidance only"), paragraph(&pack.guidance_only)]);
    if !pack.notes.is_empty() {
        blocks.extend([heading("Transcriber's notes"), items(false, &pack.notes)]);
    }
    Section { id: "about".to_string(), title: "How this pack reads the document".to_string(), blocks }
}
