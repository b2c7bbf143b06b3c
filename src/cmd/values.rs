//! Enum-like flags as clap `ValueEnum`s: clap lists their values in the help
//! and names the flag and the allowed values when one is wrong. The library
//! types are the flags' types (no copy of the variants); the spellings each
//! one always accepted besides its names (spacing, case, `monthly`,
//! `codebook`, `en-GB`, `français`) still go through the library's parser.

use crate::dedup::MergePolicy;
use crate::export::chart::ChartFormat;
use crate::extract::lang::{Lang, LangChoice};
use crate::period::Granularity;
use crate::pipeline::StreamMode;
use crate::region::Overlap;
use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::ValueEnum;
use std::marker::PhantomData;

/// A flag's value type: its clap names, and the parser that reads what the
/// flag accepts (by default its names in any case).
pub(super) trait FlagValue: ValueEnum + Clone + Send + Sync + 'static {
    /// The value `s` names, if any.
    fn parse_flag(s: &str) -> Option<Self> {
        Self::value_variants()
            .iter()
            .find(|v| v.to_possible_value().is_some_and(|p| p.matches(s, true)))
            .cloned()
    }
}

/// The clap value parser of a [`FlagValue`]: its own parser first, clap's
/// error (flag, value, possible values) when that fails.
#[derive(Clone)]
pub(super) struct Flag<E>(PhantomData<E>);

impl<E: FlagValue> Flag<E> {
    /// The parser of `E`.
    pub(super) fn new() -> Self {
        Flag(PhantomData)
    }
}

impl<E: FlagValue> TypedValueParser for Flag<E> {
    type Value = E;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<E, clap::Error> {
        match value.to_str().and_then(E::parse_flag) {
            Some(v) => Ok(v),
            None => EnumValueParser::<E>::new().parse_ref(cmd, arg, value),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            E::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

impl ValueEnum for Granularity {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Self::Day,
            Self::Week,
            Self::Month,
            Self::Quarter,
            Self::Year,
        ]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

impl FlagValue for Granularity {
    fn parse_flag(s: &str) -> Option<Self> {
        Granularity::parse(s)
    }
}

impl ValueEnum for MergePolicy {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Self::Conservative,
            Self::Median,
            Self::Min,
            Self::Max,
            Self::Mean,
        ]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

impl FlagValue for MergePolicy {
    fn parse_flag(s: &str) -> Option<Self> {
        MergePolicy::parse(s)
    }
}

impl ValueEnum for LangChoice {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::Auto, Self::Fixed(Lang::En), Self::Fixed(Lang::Fr)]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Self::Auto => "auto",
            Self::Fixed(Lang::En) => "en",
            Self::Fixed(Lang::Fr) => "fr",
        }))
    }
}

impl FlagValue for LangChoice {
    fn parse_flag(s: &str) -> Option<Self> {
        LangChoice::parse(s)
    }
}

impl ValueEnum for StreamMode {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::Auto, Self::Always, Self::Never]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Self::Auto => "auto",
            Self::Always => "always",
            Self::Never => "never",
        }))
    }
}

impl FlagValue for StreamMode {}

impl ValueEnum for Overlap {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::First, Self::All]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Self::First => "first",
            Self::All => "all",
        }))
    }
}

impl FlagValue for Overlap {}

impl ValueEnum for ChartFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::Png, Self::Svg]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.extension()))
    }
}

impl FlagValue for ChartFormat {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name clap lists is read back as its own value by the flag's
    /// parser (the library's, where it has one).
    fn names_round_trip<E: FlagValue + PartialEq + std::fmt::Debug>() {
        for v in E::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(E::parse_flag(&name).as_ref(), Some(v), "{name}");
            assert_eq!(
                E::parse_flag(&name.to_uppercase()).as_ref(),
                Some(v),
                "{name}"
            );
        }
        assert_eq!(E::parse_flag("no-such-value"), None);
    }

    #[test]
    fn every_flag_reads_its_listed_names() {
        names_round_trip::<Granularity>();
        names_round_trip::<MergePolicy>();
        names_round_trip::<LangChoice>();
        names_round_trip::<StreamMode>();
        names_round_trip::<Overlap>();
        names_round_trip::<ChartFormat>();
    }

    #[test]
    fn the_spellings_accepted_before_still_are() {
        assert_eq!(
            Granularity::parse_flag(" monthly "),
            Some(Granularity::Month)
        );
        assert_eq!(
            MergePolicy::parse_flag("codebook"),
            Some(MergePolicy::Conservative)
        );
        assert_eq!(
            LangChoice::parse_flag("fr-FR"),
            Some(LangChoice::Fixed(Lang::Fr))
        );
        assert_eq!(StreamMode::parse_flag("Always"), Some(StreamMode::Always));
        assert_eq!(StreamMode::parse_flag(" always"), None);
    }
}
