//! Conditions (`if:`) as the model holds them: a tree of comparisons on value slots, joined
//! by `and`, `or` and `not`, evaluated on a session's values; and their JSON form, flat in
//! postfix order, so that no pack nests deeper than a few levels whatever the condition.
//! (The loader parses the text into this tree: `load::conditions`.)

use crate::json::{FromJson, Json, JsonError, ToJson};

/// Conditions nest at most this deep in a pack (the loader allows 32).
pub(crate) const MAX_JSON_DEPTH: usize = 64;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Op {
    /// Applies the operator.
    pub fn apply(self, left: i64, right: i64) -> bool {
        match self {
            Op::Eq => left == right,
            Op::Ne => left != right,
            Op::Lt => left < right,
            Op::Le => left <= right,
            Op::Gt => left > right,
            Op::Ge => left >= right,
        }
    }

    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A name in a condition, with where it stands in the condition's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operand {
    /// The name as written (`rapport`, `score.listening`).
    pub name: String,
    /// Byte offset of the name in the condition text.
    pub offset: usize,
    /// Index into the value slots (variables first, then dimension sums), set by the loader.
    pub slot: usize,
}

/// A parsed condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// `name OP integer`
    Compare {
        /// The left side.
        operand: Operand,
        /// The operator.
        op: Op,
        /// The right side.
        value: i64,
    },
    /// `not e`
    Not(Box<Expr>),
    /// `a and b`
    And(Box<Expr>, Box<Expr>),
    /// `a or b`
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Evaluates on value slots (see [`Operand::slot`]).
    pub fn eval(&self, slots: &[i64]) -> bool {
        match self {
            Expr::Compare { operand, op, value } => {
                op.apply(slots.get(operand.slot).copied().unwrap_or(0), *value)
            }
            Expr::Not(e) => !e.eval(slots),
            Expr::And(a, b) => a.eval(slots) && b.eval(slots),
            Expr::Or(a, b) => a.eval(slots) || b.eval(slots),
        }
    }

    /// Every operand, in source order, for resolution and analysis.
    pub fn operands_mut(&mut self) -> Vec<&mut Operand> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match e {
                Expr::Compare { operand, .. } => out.push(operand),
                Expr::Not(inner) => stack.push(inner),
                Expr::And(a, b) | Expr::Or(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
            }
        }
        out
    }

    /// The slots this condition reads.
    pub fn slots(&self, out: &mut Vec<usize>) {
        match self {
            Expr::Compare { operand, .. } => out.push(operand.slot),
            Expr::Not(e) => e.slots(out),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.slots(out);
                b.slots(out);
            }
        }
    }
}

/// One step of an expression in postfix order: a comparison
/// `[name, offset, slot, op, value]`, or `"not"`, `"and"`, `"or"` applied to what precedes.
impl ToJson for Expr {
    fn write_json(&self, out: &mut String) {
        fn postfix(e: &Expr, out: &mut String, first: &mut bool) {
            let step = |out: &mut String, first: &mut bool| {
                if !std::mem::take(first) {
                    out.push(',');
                }
            };
            match e {
                Expr::Compare { operand, op, value } => {
                    step(out, first);
                    out.push('[');
                    operand.name.write_json(out);
                    out.push(',');
                    operand.offset.write_json(out);
                    out.push(',');
                    operand.slot.write_json(out);
                    out.push(',');
                    op.as_str().write_json(out);
                    out.push(',');
                    value.write_json(out);
                    out.push(']');
                }
                Expr::Not(a) => {
                    postfix(a, out, first);
                    step(out, first);
                    "not".write_json(out);
                }
                Expr::And(a, b) | Expr::Or(a, b) => {
                    postfix(a, out, first);
                    postfix(b, out, first);
                    step(out, first);
                    let name = if matches!(e, Expr::And(..)) {
                        "and"
                    } else {
                        "or"
                    };
                    name.write_json(out);
                }
            }
        }
        out.push('[');
        postfix(self, out, &mut true);
        out.push(']');
    }
}

impl FromJson for Expr {
    fn from_json(value: &Json) -> Result<Self, JsonError> {
        let Json::Arr(steps) = value else {
            return Err(JsonError::expected("a condition"));
        };
        // Each entry is an expression and its depth; the depth is bounded so that evaluating
        // and dropping the expression cannot exhaust the stack.
        let mut stack: Vec<(Expr, usize)> = Vec::new();
        for step in steps {
            let (expr, depth) = match step {
                Json::Arr(parts) if parts.len() == 5 => {
                    let op = match String::from_json(&parts[3])?.as_str() {
                        "==" => Op::Eq,
                        "!=" => Op::Ne,
                        "<" => Op::Lt,
                        "<=" => Op::Le,
                        ">" => Op::Gt,
                        ">=" => Op::Ge,
                        _ => return Err(JsonError::expected("a comparison operator")),
                    };
                    let operand = Operand {
                        name: FromJson::from_json(&parts[0])?,
                        offset: FromJson::from_json(&parts[1])?,
                        slot: FromJson::from_json(&parts[2])?,
                    };
                    let value = FromJson::from_json(&parts[4])?;
                    (Expr::Compare { operand, op, value }, 1)
                }
                Json::Str(name) if name == "not" => {
                    let (a, d) = stack
                        .pop()
                        .ok_or_else(|| JsonError::expected("a condition before `not`"))?;
                    (Expr::Not(Box::new(a)), d + 1)
                }
                Json::Str(name) if name == "and" || name == "or" => {
                    let (b, db) = stack
                        .pop()
                        .ok_or_else(|| JsonError::expected("two conditions before it"))?;
                    let (a, da) = stack
                        .pop()
                        .ok_or_else(|| JsonError::expected("two conditions before it"))?;
                    let (a, b) = (Box::new(a), Box::new(b));
                    let e = if name == "and" {
                        Expr::And(a, b)
                    } else {
                        Expr::Or(a, b)
                    };
                    (e, da.max(db) + 1)
                }
                _ => return Err(JsonError::expected("a comparison, `not`, `and` or `or`")),
            };
            if depth > MAX_JSON_DEPTH {
                return Err(JsonError(format!(
                    "a condition nests deeper than {MAX_JSON_DEPTH} levels"
                )));
            }
            stack.push((expr, depth));
        }
        match (stack.pop(), stack.is_empty()) {
            (Some((expr, _)), true) => Ok(expr),
            _ => Err(JsonError::expected("exactly one condition")),
        }
    }
}
