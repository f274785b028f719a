//! Conditions (`if:`): the grammar, parsed once at load time into the model's tree
//! ([`crate::model::condition`]), and every name in it resolved to a value slot.
//!
//! Grammar (format v1): comparisons `name OP integer`, OP one of `== != < <= > >=`, joined
//! by `and`, `or`, `not` and parentheses; `not` binds tightest, then `and`, then `or`.
//! `name` is a declared variable or `score.<dimension>`.

use super::declarations::Declarations;
use super::walker::{unknown_id, Walker};
use crate::model::condition::{Expr, Op, Operand};
use crate::model::Condition;
use crate::text::diagnostic::{Code, Diagnostic};
use crate::text::yaml::Yaml;

/// The condition `node` (an `if:` value): parsed, and every name resolved to its slot; each
/// problem reported inside the condition's text.
pub(super) fn build_condition(
    w: &mut Walker,
    decl: &Declarations,
    node: &Yaml,
) -> Option<Condition> {
    let source = w.text(node, "a condition")?;
    let mut expr: Expr = match parse(&source) {
        Ok(expr) => expr,
        Err(err) => {
            let span = w.span_in_scalar(node, err.offset, 1);
            w.push(
                Diagnostic::error(
                    Code::BadCondition,
                    span,
                    format!("this condition does not parse: {}", err.message),
                )
                .with_hint("conditions look like `rapport >= 1 and score.listening > 0`"),
            );
            return None;
        }
    };
    let mut ok = true;
    for operand in expr.operands_mut() {
        match decl.slot_of(&operand.name) {
            Ok(slot) => operand.slot = slot,
            Err(message) => {
                ok = false;
                let span = w.span_in_scalar(node, operand.offset, operand.name.chars().count());
                let (code, known): (Code, Vec<String>) = if operand.name.starts_with("score.") {
                    (
                        Code::UnlistedDimension,
                        decl.dimensions
                            .iter()
                            .map(|d| format!("score.{d}"))
                            .collect(),
                    )
                } else {
                    (Code::UndeclaredVariable, decl.variables.clone())
                };
                let mut d = unknown_id(
                    &w.suggestions,
                    code,
                    span,
                    &message,
                    &operand.name,
                    known.iter().map(String::as_str),
                );
                if d.hint.is_none() && code == Code::UndeclaredVariable {
                    d = d.with_hint(format!(
                        "declare it under `variables:`, e.g. `variables: {{ {}: 0 }}`",
                        operand.name
                    ));
                }
                w.push(d);
            }
        }
    }
    ok.then_some(Condition { source, expr })
}

/// A condition that does not parse: what and where (byte offset in the condition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the condition text.
    pub offset: usize,
    /// What was expected.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Int(i64),
    Op(Op),
    And,
    Or,
    Not,
    Open,
    Close,
}

/// How deeply parentheses and `not` may nest.
const MAX_NESTING: usize = 32;

fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, ParseError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let token = match c {
            b'(' => {
                i += 1;
                Token::Open
            }
            b')' => {
                i += 1;
                Token::Close
            }
            b'=' | b'!' | b'<' | b'>' => {
                let two = bytes.get(i + 1) == Some(&b'=');
                let op = match (c, two) {
                    (b'=', true) => Op::Eq,
                    (b'!', true) => Op::Ne,
                    (b'<', true) => Op::Le,
                    (b'>', true) => Op::Ge,
                    (b'<', false) => Op::Lt,
                    (b'>', false) => Op::Gt,
                    (b'=', false) => {
                        return Err(ParseError {
                            offset: start,
                            message: "`=` is not a comparison; write `==`".into(),
                        })
                    }
                    _ => {
                        return Err(ParseError {
                            offset: start,
                            message: "`!` is not an operator here; write `not` or `!=`".into(),
                        })
                    }
                };
                i += if two { 2 } else { 1 };
                Token::Op(op)
            }
            b'-' | b'+' | b'0'..=b'9' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let digits = &text[start..i];
                match digits.parse::<i64>() {
                    Ok(n) if digits.bytes().any(|b| b.is_ascii_digit()) => Token::Int(n),
                    _ => {
                        return Err(ParseError {
                            offset: start,
                            message: format!("`{digits}` is not a whole number"),
                        })
                    }
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-' | b'.'))
                {
                    i += 1;
                }
                match &text[start..i] {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "not" => Token::Not,
                    name => Token::Name(name.to_string()),
                }
            }
            b'&' | b'|' => {
                return Err(ParseError {
                    offset: start,
                    message: "use the words `and` / `or` to join comparisons".into(),
                })
            }
            _ => {
                let ch = text[start..].chars().next().unwrap_or('?');
                return Err(ParseError {
                    offset: start,
                    message: format!("unexpected `{ch}` in the condition"),
                });
            }
        };
        tokens.push((token, start));
    }
    Ok(tokens)
}

struct ExprParser {
    tokens: Vec<(Token, usize)>,
    pos: usize,
    end: usize,
    depth: usize,
}

impl ExprParser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |(_, o)| *o)
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            offset: self.offset(),
            message: message.into(),
        })
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.error(format!(
                "the condition nests deeper than {MAX_NESTING} levels"
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.and()?;
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        match self.peek() {
            Some(Token::Not) => {
                self.pos += 1;
                self.enter()?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            Some(Token::Open) => {
                self.pos += 1;
                self.enter()?;
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return self.error("expected `)` to close the `(`");
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(inner)
            }
            Some(Token::Name(_)) => self.comparison(),
            Some(Token::Int(_)) => {
                self.error("a comparison starts with a name: write `name >= 1`, not `1 <= name`")
            }
            Some(_) => self.error("expected a comparison such as `rapport >= 1`"),
            None => self.error("the condition ends too early: expected a comparison"),
        }
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let Some((Token::Name(name), offset)) = self.tokens.get(self.pos).cloned() else {
            return self.error("expected a name");
        };
        self.pos += 1;
        let Some(Token::Op(op)) = self.peek().cloned() else {
            return self.error(format!(
                "expected a comparison (== != < <= > >=) after `{name}`"
            ));
        };
        self.pos += 1;
        let Some(Token::Int(value)) = self.peek().cloned() else {
            return self.error(format!("expected a whole number after `{}`", op.as_str()));
        };
        self.pos += 1;
        Ok(Expr::Compare {
            operand: Operand {
                name,
                offset,
                slot: 0,
            },
            op,
            value,
        })
    }
}

/// Parses a condition. Operands come back with `slot` 0; the loader resolves them.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let tokens = tokenize(text)?;
    let mut parser = ExprParser {
        tokens,
        pos: 0,
        end: text.len(),
        depth: 0,
    };
    let expr = parser.or()?;
    if parser.pos < parser.tokens.len() {
        return parser.error("expected `and`, `or` or the end of the condition");
    }
    Ok(expr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str, names: &[(&str, i64)]) -> bool {
        let mut expr = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        for operand in expr.operands_mut() {
            operand.slot = names
                .iter()
                .position(|(n, _)| *n == operand.name)
                .unwrap_or(usize::MAX);
        }
        let values: Vec<i64> = names.iter().map(|(_, v)| *v).collect();
        expr.eval(&values)
    }

    #[test]
    fn precedence_not_and_or() {
        let v = [("a", 1), ("b", 0), ("score.listening", -2)];
        assert!(eval("a >= 1", &v));
        assert!(eval("a == 1 and b == 0", &v));
        assert!(eval("a == 0 or b == 0 and a == 1", &v));
        assert!(!eval("(a == 0 or b == 0) and a == 0", &v));
        assert!(eval("not a == 0", &v));
        assert!(!eval("not (a == 1 and b == 0)", &v));
        assert!(eval("score.listening < -1", &v));
        assert!(eval("score.listening<=-2", &v));
        assert!(eval("a != 2 and not not b == 0", &v));
    }

    #[test]
    fn errors_say_where() {
        for (text, offset) in [
            ("rapport >= ", 11),
            ("rapport = 1", 8),
            ("rapport >= 1 &&", 13),
            ("(rapport >= 1", 13),
            ("rapport >= 1 rapport", 13),
            ("1 <= rapport", 0),
            ("rapport >= x", 11),
            ("", 0),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(err.offset, offset, "{text}: {err:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let text = format!("{}a == 1{}", "(".repeat(1000), ")".repeat(1000));
        assert!(parse(&text).is_err());
        let text = format!("{}a == 1", "not ".repeat(1000));
        assert!(parse(&text).is_err());
    }
}
