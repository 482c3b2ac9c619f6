//! Just enough of a terminal to follow what the browser draws: cursor moves (`CSI row;col H`),
//! printed characters, carriage return and line feed, erasing (`CSI J`, `CSI K`); colours and
//! every other sequence are read and ignored. ratatui writes only the cells that changed, so
//! the screen can only be known by applying every byte in order (`Pty::tap`).

/// The screen's characters.
pub struct Screen {
    cols: usize,
    rows: usize,
    cells: Vec<char>,
    x: usize,
    y: usize,
    state: State,
    /// Parameters of the CSI sequence being read.
    params: Vec<u8>,
    /// Bytes of a UTF-8 character being read.
    utf8: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Ground,
    Escape,
    Csi,
    /// OSC, DCS and the like: skipped up to BEL or ST.
    String,
    StringEscape,
}

impl Screen {
    /// A blank `cols`×`rows` screen.
    pub fn new((cols, rows): (u16, u16)) -> Self {
        let (cols, rows) = (usize::from(cols), usize::from(rows));
        Self {
            cols,
            rows,
            cells: vec![' '; cols * rows],
            x: 0,
            y: 0,
            state: State::Ground,
            params: Vec::new(),
            utf8: Vec::new(),
        }
    }

    /// Applies output bytes (a chunk may end inside a sequence or a character).
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    fn byte(&mut self, b: u8) {
        match self.state {
            State::Ground => self.ground(b),
            State::Escape => {
                self.state = match b {
                    b'[' => {
                        self.params.clear();
                        State::Csi
                    }
                    b']' | b'P' | b'_' | b'^' => State::String,
                    // ESC ( B and the like carry one more byte: treated as ground text would
                    // misplace nothing visible, so it is simply dropped with the escape.
                    _ => State::Ground,
                };
            }
            State::Csi => {
                if (0x40..=0x7e).contains(&b) {
                    self.csi(b);
                    self.state = State::Ground;
                } else {
                    self.params.push(b);
                }
            }
            State::String => match b {
                0x07 => self.state = State::Ground,
                0x1b => self.state = State::StringEscape,
                _ => {}
            },
            State::StringEscape => {
                self.state = if b == b'\\' {
                    State::Ground
                } else {
                    State::String
                };
            }
        }
    }

    fn ground(&mut self, b: u8) {
        match b {
            0x1b => {
                self.utf8.clear();
                self.state = State::Escape;
            }
            b'\r' => self.x = 0,
            b'\n' => self.y = (self.y + 1).min(self.rows - 1),
            0x00..=0x1f | 0x7f => {}
            _ => {
                self.utf8.push(b);
                match std::str::from_utf8(&self.utf8) {
                    Ok(text) => {
                        let c = text.chars().next().unwrap_or(' ');
                        self.utf8.clear();
                        self.put(c);
                    }
                    Err(err) if err.error_len().is_some() || self.utf8.len() >= 4 => {
                        self.utf8.clear();
                        self.put('\u{fffd}');
                    }
                    Err(_) => {}
                }
            }
        }
    }

    fn put(&mut self, c: char) {
        if self.x < self.cols && self.y < self.rows {
            self.cells[self.y * self.cols + self.x] = c;
        }
        self.x += 1;
    }

    fn csi(&mut self, last: u8) {
        let text = String::from_utf8_lossy(&self.params).into_owned();
        if text.starts_with(['?', '>', '<', '=']) {
            return;
        }
        let numbers: Vec<usize> = text.split(';').map(|n| n.parse().unwrap_or(0)).collect();
        let n = |i: usize, default: usize| {
            numbers
                .get(i)
                .copied()
                .filter(|&v| v > 0)
                .unwrap_or(default)
        };
        match last {
            b'H' | b'f' => {
                self.y = (n(0, 1) - 1).min(self.rows - 1);
                self.x = (n(1, 1) - 1).min(self.cols - 1);
            }
            b'G' => self.x = (n(0, 1) - 1).min(self.cols - 1),
            b'J' => {
                let from = match numbers.first().copied().unwrap_or(0) {
                    0 => self.y * self.cols + self.x.min(self.cols),
                    _ => 0,
                };
                self.cells[from..].fill(' ');
            }
            b'K' => {
                let row = self.y * self.cols;
                let from = match numbers.first().copied().unwrap_or(0) {
                    0 => row + self.x.min(self.cols),
                    _ => row,
                };
                self.cells[from..row + self.cols].fill(' ');
            }
            _ => {}
        }
    }

    /// The screen's rows as text.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.cells.chunks(self.cols).map(|row| row.iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::Screen;

    #[test]
    fn moves_and_prints_are_followed() {
        let mut screen = Screen::new((10, 3));
        screen.feed(b"\x1b[2;3Habc\x1b[38;5;1mX\x1b]0;t\x07\x1b[1;1H\xc3");
        screen.feed(b"\xa9");
        let lines: Vec<String> = screen.lines().collect();
        assert_eq!(lines[0], "é         ");
        assert_eq!(lines[1], "  abcX    ");
    }
}
