/// The default theme, compiled in so an installed `dealdeck` always has a complete theme even
/// without its `Themes/` folder. `ThemeFilesTests` fails when this differs from
/// `Themes/default.toml`; regenerate it by pasting that file between the quotes.
enum EmbeddedThemes {
    static let defaultTOML = """
# Dealdeck default theme: the terminal's own foreground and background, with ANSI accents,
# so it reads well on both dark and light terminals.
# Colours: "default", the 16 ANSI names (red, bright_blue, ...), "colorN" (0-255) or "#rrggbb".
# Attributes: bold, dim, italic, underline, reverse.
name = "default"
description = "Terminal colours with ANSI accents; readable on dark and light backgrounds"

[roles]
text = { fg = "default", bg = "default" }
text_dim = { fg = "default", attrs = ["dim"] }
border = { fg = "bright_black" }
border_focused = { fg = "cyan" }
title = { fg = "cyan", attrs = ["bold"] }
header = { fg = "default", attrs = ["bold", "underline"] }
selection = { fg = "black", bg = "cyan" }
selection_inactive = { fg = "default", attrs = ["reverse"] }
tab = { fg = "default" }
tab_active = { fg = "black", bg = "cyan", attrs = ["bold"] }
tab_disabled = { fg = "bright_black", attrs = ["dim"] }
status_bar = { fg = "default", attrs = ["reverse"] }
status_info = { fg = "blue", attrs = ["bold"] }
status_success = { fg = "green", attrs = ["bold"] }
status_warning = { fg = "yellow", attrs = ["bold"] }
status_error = { fg = "red", attrs = ["bold"] }
help_key = { fg = "cyan", attrs = ["bold"] }
help_text = { fg = "default" }
input = { fg = "default" }
input_focused = { fg = "default", attrs = ["underline"] }
amount = { fg = "green" }
link = { fg = "blue", attrs = ["underline"] }
label = { fg = "bright_black", attrs = ["bold"] }
freshness_fresh = { fg = "green" }
freshness_stale = { fg = "yellow" }
stage_early = { fg = "default" }
stage_late = { fg = "yellow" }
stage_won = { fg = "green", attrs = ["bold"] }
stage_lost = { fg = "red" }
overlay = { fg = "default", bg = "default" }
overlay_border = { fg = "cyan", attrs = ["bold"] }
progress = { fg = "cyan", attrs = ["bold"] }
"""
}
