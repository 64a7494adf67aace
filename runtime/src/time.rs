//! Date and time Edm types on jiff (the `jiff` feature, on by default).

use crate::edm::{Edm, Lexical};

/// `Edm.DateTimeOffset` values: a `jiff::Zoned` in the fixed offset the text carried (UTC when
/// it carried none, as Graph reads such values).
impl Lexical for jiff::Zoned {
    const EDM: &'static str = "Edm.DateTimeOffset";
    #[inline]
    fn parse(text: &str) -> Result<Self, String> {
        use jiff::fmt::temporal::{Pieces, PiecesOffset};
        let pieces = Pieces::parse(text).map_err(|e| e.to_string())?;
        let offset = match pieces.offset() {
            Some(PiecesOffset::Numeric(n)) => n.offset(),
            _ => jiff::tz::Offset::UTC,
        };
        let datetime = pieces.date().to_datetime(pieces.time().unwrap_or_default());
        datetime
            .to_zoned(jiff::tz::TimeZone::fixed(offset))
            .map_err(|e| e.to_string())
    }
    #[inline]
    fn format(&self) -> String {
        let offset = self.offset();
        if offset == jiff::tz::Offset::UTC {
            self.timestamp().to_string()
        } else {
            self.timestamp().display_with_offset(offset).to_string()
        }
    }
}

impl Lexical for jiff::civil::Date {
    const EDM: &'static str = "Edm.Date";
    /// A date (`2020-02-04`), or a date-time at midnight (`2020-02-04T00:00:00.0000000Z`), which
    /// some services send for a date; the text is kept as it came either way.
    #[inline]
    fn parse(text: &str) -> Result<Self, String> {
        match text.parse() {
            Ok(date) => Ok(date),
            Err(e) => {
                use jiff::fmt::temporal::Pieces;
                match Pieces::parse(text) {
                    Ok(p) if p.time().is_some_and(|t| t == jiff::civil::Time::midnight()) => {
                        Ok(p.date())
                    }
                    _ => Err(e.to_string()),
                }
            }
        }
    }
    #[inline]
    fn format(&self) -> String {
        self.to_string()
    }
}

impl Lexical for jiff::civil::Time {
    const EDM: &'static str = "Edm.TimeOfDay";
    #[inline]
    fn parse(text: &str) -> Result<Self, String> {
        text.parse().map_err(|e: jiff::Error| e.to_string())
    }
    #[inline]
    fn format(&self) -> String {
        self.to_string()
    }
}

/// `Edm.Duration`: a `jiff::Span`, which keeps the units it was written in (`P1D` is not `PT24H`).
impl Lexical for jiff::Span {
    const EDM: &'static str = "Edm.Duration";
    /// ISO 8601 only (`FromStr` would also take jiff's friendly `1 hour`).
    #[inline]
    fn parse(text: &str) -> Result<Self, String> {
        jiff::fmt::temporal::SpanParser::new()
            .parse_span(text)
            .map_err(|e| e.to_string())
    }
    #[inline]
    fn format(&self) -> String {
        self.to_string()
    }
}

/// `Edm.DateTimeOffset`: a [`jiff::Zoned`] in the offset it was written with.
///
/// ```
/// use graphdoc_runtime::{DateTimeOffset, Duration};
///
/// let at: DateTimeOffset = "2016-12-31T23:57:22.3554145+03:00".parse()?;
/// assert_eq!(at.value().offset().seconds(), 3 * 3600);
/// assert_eq!(at.to_string(), "2016-12-31T23:57:22.3554145+03:00"); // byte for byte
///
/// let day: Duration = "P1D".parse()?;
/// assert_eq!(day.value().get_days(), 1);
/// # Ok::<(), String>(())
/// ```
pub type DateTimeOffset = Edm<jiff::Zoned>;
/// `Edm.Date`: a [`jiff::civil::Date`].
pub type Date = Edm<jiff::civil::Date>;
/// `Edm.TimeOfDay`: a [`jiff::civil::Time`].
pub type TimeOfDay = Edm<jiff::civil::Time>;
/// `Edm.Duration`: a [`jiff::Span`] (ISO 8601, in the units it was written with).
pub type Duration = Edm<jiff::Span>;
