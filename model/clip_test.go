package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHugeFieldsAreCutWithAMarker(t *testing.T) {
	title := strings.Repeat("é", 300<<10) // 600 KiB of two-byte runes
	line := SanitizeLine(title)
	if len(line) > MaxLineBytes || !utf8.ValidString(line) {
		t.Fatalf("SanitizeLine kept %d bytes (valid UTF-8: %v), want at most %d", len(line), utf8.ValidString(line), MaxLineBytes)
	}
	if !strings.HasSuffix(line, " … [cut: 598.0 KiB more]") {
		t.Errorf("SanitizeLine's end = %q, want the cut marker", line[len(line)-40:])
	}
	body := strings.Repeat("line\twith a tab\n", 1<<16) // 1 MiB, and tabs lengthen it
	text := Sanitize(body)
	if len(text) > MaxTextBytes || !strings.Contains(text, "[cut: ") {
		t.Fatalf("Sanitize kept %d bytes, want at most %d with a marker", len(text), MaxTextBytes)
	}
	if again := Sanitize(text); again != text {
		t.Error("Sanitize of a cut text cut it again")
	}
	if again := SanitizeLine(line); again != line {
		t.Error("SanitizeLine of a cut line cut it again")
	}
	short := strings.Repeat("x", MaxLineBytes)
	if SanitizeLine(short) != short {
		t.Error("a line of exactly MaxLineBytes was cut")
	}
}

func TestBinarySize(t *testing.T) {
	for n, want := range map[int64]string{300: "300 bytes", 1536: "1.5 KiB", 64 << 20: "64 MiB", 3 << 30: "3 GiB"} {
		if got := BinarySize(n); got != want {
			t.Errorf("BinarySize(%d) = %q, want %q", n, got, want)
		}
	}
}
