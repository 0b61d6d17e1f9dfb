//! Records as rows of text cells, for CSV and terminal tables.
//!
//! A record's cells are what `serde_json::to_value` and [`cell`] would make of it: its fields
//! in order, strings as they are, numbers as JSON writes them, null as empty, lists of strings
//! joined with `; ` and other nested values as compact JSON. The columns are the fields of all
//! records in first-seen order.
//!
//! Structs and maps are serialised straight into cells, without building a JSON value per
//! record: on BBC News that conversion was most of the single-threaded time `gazette extract`
//! spent writing its tables (BENCHMARKS.md, thirteenth round). Only nested fields, and records
//! that are not structs or maps, still go through `serde_json::Value`, so every cell is made
//! by the same code as before.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Value;

/// The header and the cells of a table, one row per record.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Cells {
    /// Column names in first-seen order.
    pub(crate) header: Vec<String>,
    /// One row per record, as long as the header (empty cells where a record has no field).
    pub(crate) rows: Vec<Vec<String>>,
}

/// Lays `records` out as cells (see the module's documentation).
pub(crate) fn cells<T: Serialize>(records: &[T]) -> serde_json::Result<Cells> {
    let mut columns = Columns::default();
    let mut rows = Vec::with_capacity(records.len());
    let mut fields = Vec::new();
    for record in records {
        fields.clear();
        match record.serialize(Record {
            fields: &mut fields,
        }) {
            Ok(()) => {}
            Err(Error::NotRecord) => {
                fields.clear();
                if let Value::Object(map) = serde_json::to_value(record)? {
                    for (key, value) in &map {
                        fields.push((Cow::Owned(key.clone()), cell(Some(value))));
                    }
                }
            }
            Err(Error::Json(e)) => return Err(e),
        }
        let mut row = vec![String::new(); columns.names.len()];
        // A key given twice keeps its first place and its last value, as in a JSON object.
        for (key, text) in fields.drain(..) {
            let i = columns.index(key);
            if i >= row.len() {
                row.resize(i + 1, String::new());
            }
            row[i] = text;
        }
        rows.push(row);
    }
    let width = columns.names.len();
    for row in &mut rows {
        row.resize(width, String::new());
    }
    Ok(Cells {
        header: columns.names,
        rows,
    })
}

/// One cell's text: strings as they are, null as empty, nested values as compact JSON.
pub(crate) fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}

/// Column names and their positions.
#[derive(Default)]
struct Columns {
    names: Vec<String>,
    index: HashMap<String, usize, foldhash::fast::FixedState>,
}

impl Columns {
    fn index(&mut self, key: Cow<'static, str>) -> usize {
        if let Some(&i) = self.index.get(key.as_ref()) {
            return i;
        }
        let i = self.names.len();
        self.names.push(key.clone().into_owned());
        self.index.insert(key.into_owned(), i);
        i
    }
}

/// Why a record was not laid out by [`Record`].
#[derive(Debug)]
enum Error {
    /// Not a struct or a map: the caller goes through `serde_json::Value`.
    NotRecord,
    Json(serde_json::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotRecord => f.write_str("not a struct or a map"),
            Error::Json(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: std::fmt::Display>(msg: M) -> Self {
        Error::Json(<serde_json::Error as ser::Error>::custom(msg))
    }
}

/// The cells of one field: a scalar's text, or the nested value through `serde_json::Value`.
fn field<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    match value.serialize(Scalar) {
        Ok(v) => Ok(cell(Some(&v))),
        Err(Error::NotRecord) => Ok(cell(Some(
            &serde_json::to_value(value).map_err(Error::Json)?,
        ))),
        Err(e) => Err(e),
    }
}

/// Serialises a struct or a map into (column, cell) pairs; anything else is
/// [`Error::NotRecord`].
struct Record<'a> {
    fields: &'a mut Vec<(Cow<'static, str>, String)>,
}

/// Fields of a struct or entries of a map, collected by [`Record`].
struct Fields<'a> {
    fields: &'a mut Vec<(Cow<'static, str>, String)>,
    key: Option<String>,
}

/// The serializer methods for lists, tuples and enum variants with data: [`Record`] leaves
/// them to `serde_json::Value`, and so does [`Scalar`] for a field.
macro_rules! nested {
    () => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, Error> {
            Err(Error::NotRecord)
        }

        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
            Err(Error::NotRecord)
        }

        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
            Err(Error::NotRecord)
        }

        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Error> {
            Err(Error::NotRecord)
        }

        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Error> {
            Err(Error::NotRecord)
        }

        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Error> {
            Err(Error::NotRecord)
        }
    };
}

macro_rules! not_record {
    ($($name:ident($($arg:ty),*);)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(Error::NotRecord)
        })*
    };
}

impl<'a> ser::Serializer for Record<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Fields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    not_record! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    nested!();

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a>, Error> {
        Ok(Fields {
            fields: self.fields,
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>, Error> {
        Ok(Fields {
            fields: self.fields,
            key: None,
        })
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = field(value)?;
        self.fields.push((Cow::Borrowed(key), text));
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // Keys as serde_json makes them: strings, numbers and booleans as text.
        self.key = Some(match serde_json::to_value(key).map_err(Error::Json)? {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return Err(ser::Error::custom("key must be a string")),
        });
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without a key"))?;
        let text = field(value)?;
        self.fields.push((Cow::Owned(key), text));
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// Serialises a scalar as the `serde_json::Value` that `serde_json::to_value` makes of it;
/// nested values are [`Error::NotRecord`].
struct Scalar;

macro_rules! scalar {
    ($($name:ident($ty:ty);)*) => {
        $(fn $name(self, v: $ty) -> Result<Value, Error> {
            Ok(Value::from(v))
        })*
    };
}

impl ser::Serializer for Scalar {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Impossible<Value, Error>;
    type SerializeTuple = Impossible<Value, Error>;
    type SerializeTupleStruct = Impossible<Value, Error>;
    type SerializeTupleVariant = Impossible<Value, Error>;
    type SerializeMap = Impossible<Value, Error>;
    type SerializeStruct = Impossible<Value, Error>;
    type SerializeStructVariant = Impossible<Value, Error>;

    scalar! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_str(&str);
    }

    fn serialize_i128(self, _: i128) -> Result<Value, Error> {
        Err(Error::NotRecord)
    }

    fn serialize_u128(self, _: u128) -> Result<Value, Error> {
        Err(Error::NotRecord)
    }

    fn serialize_char(self, v: char) -> Result<Value, Error> {
        Ok(Value::String(v.to_string()))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<Value, Error> {
        Err(Error::NotRecord)
    }

    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Value, Error> {
        Ok(Value::Null)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(Value::String(variant.to_string()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }

    nested!();

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error::NotRecord)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error::NotRecord)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The layout as it was made before [`cells`]: every record through `serde_json::Value`.
    fn through_values<T: Serialize>(records: &[T]) -> Cells {
        let values: Vec<Value> = records
            .iter()
            .map(|r| serde_json::to_value(r).unwrap())
            .collect();
        let mut header: Vec<String> = Vec::new();
        for v in &values {
            if let Value::Object(map) = v {
                for key in map.keys() {
                    if !header.contains(key) {
                        header.push(key.clone());
                    }
                }
            }
        }
        let rows = values
            .iter()
            .map(|v| header.iter().map(|h| cell(v.get(h))).collect())
            .collect();
        Cells { header, rows }
    }

    #[derive(Serialize)]
    enum Kind {
        Direct,
        Indirect { by: &'static str },
    }

    #[derive(Serialize)]
    struct Where {
        start: usize,
        end: usize,
    }

    #[derive(Serialize)]
    struct Row {
        article: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        cue: Option<&'static str>,
        share: f32,
        ratio: f64,
        count: i64,
        big: u128,
        first: bool,
        letter: char,
        kind: Kind,
        names: Vec<String>,
        offsets: Vec<u32>,
        at: Where,
        #[serde(flatten)]
        meta: BTreeMap<String, String>,
    }

    fn row(i: u32) -> Row {
        let mut meta = BTreeMap::new();
        if i % 2 == 1 {
            meta.insert(format!("topic{}", i % 3), "politics".to_string());
        }
        if i == 5 {
            // A key given twice: the last value, in the first place.
            meta.insert("article".to_string(), "renamed".to_string());
        }
        Row {
            article: format!("a{i}"),
            speaker: (!i.is_multiple_of(3)).then(|| format!("Speaker {i}")),
            cue: i.is_multiple_of(2).then_some("said"),
            share: 0.1 * i as f32,
            ratio: if i == 2 {
                f64::NAN
            } else {
                1.0 / f64::from(i + 1)
            },
            count: -(i as i64) * 1_000_000_007,
            big: u128::from(i) * 1_000_000_000_000,
            first: i == 0,
            letter: 'é',
            kind: if i.is_multiple_of(2) {
                Kind::Direct
            } else {
                Kind::Indirect {
                    by: "Jane \"J\" Doe",
                }
            },
            names: (0..i).map(|k| format!("n{k}, =x")).collect(),
            offsets: vec![i, i + 1],
            at: Where {
                start: i as usize,
                end: 2 * i as usize,
            },
            meta,
        }
    }

    #[test]
    fn cells_are_those_of_the_json_values() {
        let rows: Vec<Row> = (0..7).map(row).collect();
        let got = cells(&rows).unwrap();
        assert_eq!(got, through_values(&rows));
        // A column the first record lacks comes after that record's columns, in the order
        // first seen.
        let header: Vec<&str> = got.header.iter().map(String::as_str).collect();
        assert_eq!(
            header,
            [
                "article", "cue", "share", "ratio", "count", "big", "first", "letter", "kind",
                "names", "offsets", "at", "speaker", "topic1", "topic0", "topic2"
            ]
        );
        let at = |r: usize, column: &str| {
            &got.rows[r][header.iter().position(|h| *h == column).unwrap()]
        };
        assert_eq!(at(0, "speaker"), "", "no speaker: an empty cell");
        assert_eq!(at(1, "cue"), "", "None: an empty cell");
        assert_eq!(
            at(3, "share"),
            "0.30000001192092896",
            "an f32 as JSON writes it"
        );
        assert_eq!(at(2, "ratio"), "", "NaN is null in JSON");
        assert_eq!(at(2, "big"), "2000000000000");
        assert_eq!(at(2, "names"), "n0, =x; n1, =x", "a list of strings");
        assert_eq!(at(2, "offsets"), "[2,3]", "a list of numbers as JSON");
        assert_eq!(at(1, "kind"), r#"{"Indirect":{"by":"Jane \"J\" Doe"}}"#);
        assert_eq!(at(2, "kind"), "Direct");
        assert_eq!(at(2, "at"), r#"{"start":2,"end":4}"#);
        assert_eq!(at(1, "topic1"), "politics");
        assert_eq!(at(2, "topic1"), "");
        assert_eq!(at(5, "article"), "renamed");
    }

    #[test]
    fn records_that_are_not_structs_or_maps_are_laid_out_as_before() {
        let maps: Vec<BTreeMap<u32, Option<bool>>> = vec![
            BTreeMap::from([(3, Some(true)), (1, None)]),
            BTreeMap::new(),
        ];
        assert_eq!(cells(&maps).unwrap(), through_values(&maps));
        let options = vec![None, Some(row(1)), None];
        assert_eq!(cells(&options).unwrap(), through_values(&options));
        let strings = vec!["not a record".to_string()];
        let got = cells(&strings).unwrap();
        assert_eq!(got, through_values(&strings));
        assert_eq!(got.rows, vec![Vec::<String>::new()]);
        let references: Vec<&Row> = Vec::new();
        assert_eq!(cells(&references).unwrap(), Cells::default());
    }
}
