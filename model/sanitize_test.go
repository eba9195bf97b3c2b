package model

import (
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestSanitize(t *testing.T) {
	spaces := strings.Repeat
	tests := []struct {
		name, in, want string
	}{
		// Kept as is.
		{"empty", "", ""},
		{"ascii", "Fix the parser (#12)", "Fix the parser (#12)"},
		{"newlines", "line one\nline two\n\n", "line one\nline two\n\n"},
		{"cjk", "修复解析器 バグ 버그", "修复解析器 バグ 버그"},
		{"emoji zwj", "family 👩‍👩‍👧‍👦 flag 🏳️‍🌈", "family 👩‍👩‍👧‍👦 flag 🏳️‍🌈"},
		{"combining marks", "cafe\u0301 n\u0303", "cafe\u0301 n\u0303"},
		{"replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"zero width joiner alone", "a\u200db", "a\u200db"},

		// CSI.
		{"sgr color", "\x1b[31mred\x1b[0m plain", "red plain"},
		{"clear screen and home", "\x1b[2J\x1b[Hgotcha", "gotcha"},
		{"cursor moves", "a\x1b[10;20Hb\x1b[3Ac\x1b[2Kd", "abcd"},
		{"private mode", "\x1b[?1049halt screen\x1b[?1049l", "alt screen"},
		{"csi with intermediate", "x\x1b[1 qy", "xy"},
		{"truncated csi at end", "abc\x1b[31", "abc"},
		{"csi cut by newline keeps newline", "a\x1b[3\n1mb", "a\n1mb"},
		{"csi cut by non-ascii keeps it", "a\x1b[3é", "aé"},
		{"8-bit csi utf8", "\u009b31mred", "red"},
		{"8-bit csi raw byte", "\x9b31mred\x9b0m", "red"},

		// Control strings.
		{"osc 52 clipboard bel", "\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07after", "after"},
		{"osc 2 title st", "\x1b]2;pwned\x1b\\title", "title"},
		{"osc 8 hyperlink", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ here", "click here"},
		{"osc ended by next escape", "\x1b]0;t\x1b[31mx", "x"},
		{"unterminated osc runs to end", "abc\x1b]0;title\nmore", "abc"},
		{"dcs sixel", "\x1bPq#0;2;0;0;0#0~~@@\x1b\\ok", "ok"},
		{"dcs decrqss", "\x1bP$qm\x1b\\ok", "ok"},
		{"apc kitty graphics", "\x1b_Gf=100;AAAA\x1b\\ok", "ok"},
		{"pm", "\x1b^private\x1b\\ok", "ok"},
		{"sos", "\x1bXstring\x1b\\ok", "ok"},
		{"8-bit osc utf8 st", "\u009d52;c;AAAA\u009cafter", "after"},
		{"8-bit osc utf8 bel", "\u009d0;t\x07x", "x"},
		{"8-bit osc raw", "\x9d0;t\x9cok", "ok"},
		{"8-bit dcs utf8", "\u0090q\u009cok", "ok"},
		{"8-bit apc pm sos", "\u009fa\u009cb\u009ec\u009cd\u0098e\u009cf", "bdf"},
		{"8-bit osc payload with 0x9c continuation byte", "\u009dÜber\u009cok", "ok"},

		// Other escapes.
		{"lone esc at end", "abc\x1b", "abc"},
		{"esc esc", "a\x1b\x1bb", "a"},
		{"save restore cursor", "\x1b7saved\x1b8", "saved"},
		{"full reset", "\x1bcafter", "after"},
		{"charset designation", "\x1b(Bx", "x"},
		{"decaln", "\x1b#8x", "x"},
		{"esc then newline", "a\x1b\nb", "a\nb"},
		{"esc then non-ascii", "a\x1béb", "aéb"},
		{"lone intermediate at end", "a\x1b(", "a"},

		// Other C1.
		{"nel", "a\u0085b", "ab"},
		{"lone st", "a\u009cb", "ab"},
		{"raw c1 byte", "a\x85b", "ab"},

		// C0 and DEL.
		{"nul bel bs del", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"backspace overstrike", "safe\x08\x08\x08\x08evil", "safeevil"},
		{"form feed vt", "a\x0cb\x0bc", "abc"},
		{"crlf", "a\r\nb\r\n", "a\nb\n"},
		{"lone cr", "a\rb", "a\nb"},
		{"cr cr lf", "a\r\r\nb", "a\n\nb"},
		{"lf cr", "a\n\rb", "a\n\nb"},
		{"cr at end", "a\r", "a\n"},

		// Bidi.
		{"rlo", "abc\u202edcba", "abcdcba"},
		{"embeddings and pdf", "\u202aa\u202bb\u202cc\u202dd", "abcd"},
		{"isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"marks", "\u200ea\u200fb\u061cc", "abc"},

		// Invalid UTF-8.
		{"invalid byte", "a\xffb", "a\uFFFDb"},
		{"truncated two-byte", "a\xc3", "a\uFFFD"},
		{"truncated three-byte", "\xe4\xb8x", "\uFFFD\uFFFDx"},
		{"overlong slash", "\xc0\xafx", "\uFFFD\uFFFDx"},
		// A stray 0x80–0x9F byte counts as a C1 control, so it is dropped.
		{"surrogate half", "\xed\xa0\x80", "\uFFFD\uFFFD"},

		// Tabs.
		{"tab at start", "\tx", spaces(" ", 8) + "x"},
		{"tab mid", "ab\tc", "ab" + spaces(" ", 6) + "c"},
		{"tab at stop", "12345678\tx", "12345678" + spaces(" ", 8) + "x"},
		{"two tabs", "a\tb\tc", "a" + spaces(" ", 7) + "b" + spaces(" ", 7) + "c"},
		{"tab after wide", "日本\tx", "日本" + spaces(" ", 4) + "x"},
		{"tab after zwj emoji", "👩‍👩‍👧\tx", "👩‍👩‍👧" + spaces(" ", 6) + "x"},
		{"tab after combining", "e\u0301\tx", "e\u0301" + spaces(" ", 7) + "x"},
		{"tab column resets per line", "abc\n\tx", "abc\n" + spaces(" ", 8) + "x"},
		{"tab column resets at cr", "abc\r\tx", "abc\n" + spaces(" ", 8) + "x"},
		{"tab ignores removed escapes", "\x1b[31mab\x1b[0m\tc", "ab" + spaces(" ", 6) + "c"},
		{"tab after invalid byte", "\xff\tx", "\uFFFD" + spaces(" ", 7) + "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			assertSafe(t, got)
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: Sanitize(%q) = %q", got, again)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Fix the parser", "Fix the parser"},
		{"empty", "", ""},
		{"newlines become spaces", "one\ntwo\r\nthree\rfour", "one two three four"},
		{"trimmed", "  padded title \n", "padded title"},
		{"escape around spaces", "\x1b[31m bug \x1b[0m", "bug"},
		{"tab inside", "a\tb", "a       b"},
		{"leading tab trimmed", "\tx", "x"},
		{"only controls", "\x1b]0;t\x07\x00", ""},
		{"bidi in login", "alice\u202e", "alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SanitizeLine(tt.in)
			if got != tt.want {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := SanitizeLine(got); again != got {
				t.Errorf("not idempotent: SanitizeLine(%q) = %q", got, again)
			}
		})
	}
}

// The clean case must not copy: every string from the API goes through
// Sanitize, almost all of them clean.
func TestSanitizeCleanReturnsInputWithoutAllocating(t *testing.T) {
	for _, s := range []string{
		"Fix the parser",
		"multi\nline\nbody with 日本語 and 👩‍👩‍👧 and e\u0301",
	} {
		got := Sanitize(s)
		if unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("Sanitize(%q) returned a copy", s)
		}
		if allocs := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); allocs != 0 {
			t.Errorf("Sanitize(%q) allocates %v times", s, allocs)
		}
	}
	title := "A clean title"
	if allocs := testing.AllocsPerRun(100, func() { _ = SanitizeLine(title) }); allocs != 0 {
		t.Errorf("SanitizeLine(%q) allocates %v times", title, allocs)
	}
}

// assertSafe fails t if s holds anything Sanitize promises to remove.
func assertSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("output is not valid UTF-8: %q", s)
	}
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f:
			t.Fatalf("output holds C0 control %U: %q", r, s)
		case r >= 0x80 && r <= 0x9f:
			t.Fatalf("output holds C1 control %U: %q", r, s)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			t.Fatalf("output holds bidi control %U: %q", r, s)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, seed := range []string{
		"",
		"plain text",
		"\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07",
		"\x1b]52;c;Y3VybA==\x1b\\",
		"\x1b]2;owned\x07",
		"\x1b]0;title\x1b\\",
		"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
		"\x1b[2J",
		"\x1b[H",
		"\x1b[10;20H\x1b[3A\x1b[2K\x1b[?25l",
		"\x1b[31mred\x1b[0m",
		"\x9b31m",
		"\u009b31m",
		"\u009d0;t\u009c",
		"\x9d0;t\x9c",
		"\u202eevil\u202c",
		"\u2066a\u2069\u200e\u200f\u061c",
		"\x1bPq#0;2;0;0;0\x1b\\",
		"\x1b_Gf=100;AAAA\x1b\\",
		"\x1b^pm\x1b\\\x1bXsos\x1b\\",
		"abc\x1b",
		"abc\x1b[31",
		"abc\x1b]0;unterminated",
		"a\r\nb\rc\x00d\x07e\x08f\x7f",
		"a\tb\t日本\tc",
		"👩‍👩‍👧\te\u0301\t",
		"\xff\xfe\xc3",
		"\xed\xa0\x80",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		assertSafe(t, out)
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent:\n in   %q\n out  %q\n again %q", in, out, again)
		}
		line := SanitizeLine(in)
		assertSafe(t, line)
		if strings.Contains(line, "\n") || strings.TrimSpace(line) != line {
			t.Fatalf("SanitizeLine(%q) = %q: has a newline or is untrimmed", in, line)
		}
		if again := SanitizeLine(line); again != line {
			t.Fatalf("SanitizeLine not idempotent: %q then %q", line, again)
		}
	})
}

var benchSink string

func BenchmarkSanitize(b *testing.B) {
	cleanBody := strings.Repeat("This change fixes the parser so that nested lists render.\n", 40)
	cases := []struct{ name, in string }{
		{"clean-title", "Fix the parser for nested lists (#1234)"},
		{"clean-body", cleanBody},
		{"clean-unicode", strings.Repeat("修复解析器 👩‍👩‍👧 cafe\u0301\n", 100)},
		{"dirty-body", strings.Repeat("\x1b[31mred\x1b[0m\tand\r\ntabs\x07\n", 100)},
		{"crlf-body", strings.ReplaceAll(cleanBody, "\n", "\r\n")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			b.ReportAllocs()
			for b.Loop() {
				benchSink = Sanitize(c.in)
			}
		})
	}
}
