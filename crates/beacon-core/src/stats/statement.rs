//! The parts of an xAPI 1.0.3 statement the class report reads, typed; everything else in a
//! statement is ignored.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

/// An LRS's answer to `GET statements`, or a single statement.
#[derive(Deserialize)]
pub(super) struct Wrapper<'a> {
    #[serde(borrow, default)]
    pub(super) statements: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    pub(super) actor: Option<&'a RawValue>,
}

/// The parts of a statement this reader uses; everything else is ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Statement {
    pub(super) id: Option<String>,
    pub(super) actor: Option<Actor>,
    pub(super) verb: Option<Verb>,
    pub(super) object: Option<Object>,
    pub(super) result: Option<Outcome>,
    pub(super) context: Option<Context>,
    pub(super) timestamp: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Actor {
    pub(super) name: Option<String>,
    pub(super) mbox: Option<String>,
    pub(super) mbox_sha1sum: Option<String>,
    pub(super) openid: Option<String>,
    pub(super) account: Option<Account>,
    #[serde(rename = "objectType")]
    pub(super) object_type: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Account {
    #[serde(rename = "homePage")]
    pub(super) home_page: String,
    pub(super) name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Verb {
    pub(super) id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Object {
    pub(super) id: String,
    pub(super) definition: Option<Definition>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Definition {
    pub(super) name: BTreeMap<String, String>,
    pub(super) choices: Vec<Component>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Component {
    pub(super) id: String,
    pub(super) description: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Outcome {
    pub(super) success: Option<bool>,
    pub(super) score: Option<Score>,
    pub(super) response: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Score {
    pub(super) scaled: Option<f64>,
    pub(super) raw: Option<f64>,
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Context {
    pub(super) registration: Option<String>,
    pub(super) platform: Option<String>,
    #[serde(rename = "contextActivities")]
    pub(super) activities: Option<ContextActivities>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ContextActivities {
    pub(super) parent: OneOrMany,
}

/// xAPI 1.0.0 allowed a single activity where 1.0.3 has a list.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany {
    One(ActivityRef),
    Many(Vec<ActivityRef>),
}

impl Default for OneOrMany {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl OneOrMany {
    pub(super) fn first(&self) -> Option<&str> {
        match self {
            OneOrMany::One(a) => Some(&a.id),
            OneOrMany::Many(list) => list.first().map(|a| a.id.as_str()),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActivityRef {
    pub(super) id: String,
}
