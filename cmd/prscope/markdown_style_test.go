package main

import (
	"testing"

	"github.com/prscope/prscope/ui/detail"
)

// NO_COLOR (any value) means the plain style, and the terminal is not even
// asked for its background; otherwise the background decides.
func TestMarkdownStyle(t *testing.T) {
	env := func(noColor string) func(string) string {
		return func(k string) string {
			if k == "NO_COLOR" {
				return noColor
			}
			return ""
		}
	}
	mustNotAsk := func() bool { t.Fatal("asked the terminal despite NO_COLOR"); return true }
	for _, v := range []string{"1", "0", "yes"} {
		if got := markdownStyle(env(v), mustNotAsk); got != detail.MarkdownPlain {
			t.Errorf("NO_COLOR=%q: %q, want plain", v, got)
		}
	}
	if got := markdownStyle(env(""), func() bool { return true }); got != detail.MarkdownDark {
		t.Errorf("dark background: %q", got)
	}
	if got := markdownStyle(env(""), func() bool { return false }); got != detail.MarkdownLight {
		t.Errorf("light background: %q", got)
	}
}
