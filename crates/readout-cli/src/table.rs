//! Aligned plain-text tables for the terminal.

use unicode_width::UnicodeWidthStr as _;

/// A table of text cells, laid out in columns two spaces apart. Numbers are
/// right-aligned; the last column is not padded, so lines carry no trailing
/// blanks.
#[derive(Debug, Default)]
pub(crate) struct Table {
    rows: Vec<Vec<String>>,
    right: Vec<bool>,
    indent: usize,
}

impl Table {
    /// A table whose columns are right-aligned where `right` says so.
    pub(crate) fn new(right: &[bool]) -> Self {
        Table {
            rows: Vec::new(),
            right: right.to_vec(),
            indent: 0,
        }
    }

    /// Starts every line with `n` spaces.
    pub(crate) fn indent(mut self, n: usize) -> Self {
        self.indent = n;
        self
    }

    /// Adds a row.
    pub(crate) fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Whether no row was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The lines of the table, without line ends.
    pub(crate) fn lines(&self) -> Vec<String> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        self.rows
            .iter()
            .map(|row| {
                let mut line = " ".repeat(self.indent);
                for (i, cell) in row.iter().enumerate() {
                    let pad = widths[i] - cell.width();
                    let last = i + 1 == row.len();
                    if self.right.get(i).copied().unwrap_or(false) {
                        line.push_str(&" ".repeat(pad));
                        line.push_str(cell);
                    } else {
                        line.push_str(cell);
                        if !last {
                            line.push_str(&" ".repeat(pad));
                        }
                    }
                    if !last {
                        line.push_str("  ");
                    }
                }
                line.truncate(line.trim_end().len());
                line
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let mut t = Table::new(&[false, true, false]);
        t.row(["name", "n", "note"]);
        t.row(["王毅", "12", ""]);
        t.row(["Lavrov", "3", "x"]);
        assert_eq!(
            t.lines(),
            vec!["name     n  note", "王毅    12", "Lavrov   3  x"]
        );
    }
}
