//! The catalogue's filters (audience and topic), kept in the URL (`#/?audience=induction&
//! topic=manipulation`) so a trainer can link to a filtered list and the back button returns
//! to it. Parsing, formatting and matching only.

use scenario_core::model::{is_id, Label};

/// What the catalogue shows: everything, or only one audience and/or topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// An audience id (`induction`, `refresher`, …).
    pub audience: Option<String>,
    /// A topic id from `dimensions.yaml`.
    pub topic: Option<String>,
}

impl Filter {
    /// The filter in a query string (`audience=…&topic=…`, without the `?`). Unknown keys
    /// and values that are not ids are ignored.
    pub fn parse(query: &str) -> Filter {
        let mut filter = Filter::default();
        for pair in query.split('&') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            if !is_id(value) {
                continue;
            }
            match key {
                "audience" => filter.audience = Some(value.to_owned()),
                "topic" => filter.topic = Some(value.to_owned()),
                _ => {}
            }
        }
        filter
    }

    /// The query string for this filter (empty when it shows everything).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(audience) = &self.audience {
            parts.push(format!("audience={audience}"));
        }
        if let Some(topic) = &self.topic {
            parts.push(format!("topic={topic}"));
        }
        parts.join("&")
    }

    /// Does it show everything?
    pub fn is_empty(&self) -> bool {
        self.audience.is_none() && self.topic.is_none()
    }

    /// Is a scenario for these audiences, with these topics, shown?
    pub fn matches(&self, audiences: &[String], topics: &[Label]) -> bool {
        self.audience.as_ref().is_none_or(|a| audiences.contains(a))
            && self
                .topic
                .as_ref()
                .is_none_or(|t| topics.iter().any(|topic| &topic.id == t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::player::tests::scenario;

    fn filter(audience: Option<&str>, topic: Option<&str>) -> Filter {
        Filter {
            audience: audience.map(str::to_owned),
            topic: topic.map(str::to_owned),
        }
    }

    #[test]
    fn parses_and_formats_the_query() {
        assert_eq!(Filter::parse(""), Filter::default());
        assert_eq!(
            Filter::parse("audience=induction&topic=safeguarding"),
            filter(Some("induction"), Some("safeguarding"))
        );
        assert_eq!(
            Filter::parse("topic=x&colour=red&audience=<b>&junk"),
            filter(None, Some("x"))
        );
        for f in [
            filter(None, None),
            filter(Some("refresher"), None),
            filter(Some("induction"), Some("selfcare")),
        ] {
            assert_eq!(Filter::parse(&f.to_query()), f);
        }
        assert_eq!(filter(None, None).to_query(), "");
    }

    #[test]
    fn matches_audience_and_topic_together() {
        let s = scenario(); // audiences: [induction], topics: [safeguarding]
        let matches = |f: Filter| f.matches(&s.audiences, &s.topics);
        assert!(matches(filter(None, None)));
        assert!(matches(filter(Some("induction"), None)));
        assert!(!matches(filter(Some("refresher"), None)));
        assert!(matches(filter(Some("induction"), Some("safeguarding"))));
        assert!(!matches(filter(Some("induction"), Some("selfcare"))));
    }
}
