//! Colours as the config file spells them.

use ratatui::style::Color;

/// Reads a colour: a name (`"cyan"`, `"dark-gray"`, `"light-red"`), `"#rrggbb"` or a palette
/// index (`"208"`).
///
/// # Errors
/// A one-line reason naming the value.
pub fn parse_colour(text: &str) -> Result<Color, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "unknown colour {text:?} (a name such as \"cyan\" or \"dark-gray\", \"#rrggbb\", or 0–255)"
        )
    })
}

/// A colour as the config file spells it, which [`parse_colour`] reads back.
pub fn colour_name(colour: Color) -> String {
    match colour {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        // `DarkGray` → `dark-gray`.
        named => {
            let mut name = String::new();
            for (i, c) in named.to_string().chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    name.push('-');
                }
                name.extend(c.to_lowercase());
            }
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for colour in [
            Color::Cyan,
            Color::DarkGray,
            Color::LightRed,
            Color::Rgb(0x12, 0xab, 0xff),
            Color::Indexed(208),
        ] {
            assert_eq!(parse_colour(&colour_name(colour)), Ok(colour));
        }
        assert_eq!(colour_name(Color::DarkGray), "dark-gray");
        assert!(parse_colour("chartreuse-ish").is_err());
    }
}
