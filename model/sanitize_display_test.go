package model

import "testing"

func TestDisplaySafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, no change":          "plain text, no change",
		"family 👩\u200d👩\u200d👧\u200d👦!": "family 👩👩👧👦!",
		"thumbs 👍🏽 up":                   "thumbs 👍 up",
		"love ❤\ufe0f":                   "love ❤",
		"flags 🇺🇦🇯🇵":                     "flags UAJP",
		"漢字 stay":                        "漢字 stay",
	} {
		if got := DisplaySafe(in); got != want {
			t.Errorf("DisplaySafe(%q) = %q, want %q", in, got, want)
		}
	}
	clean := "no joiners here"
	if n := testing.AllocsPerRun(10, func() { _ = DisplaySafe(clean) }); n != 0 {
		t.Errorf("a clean string allocates %v times", n)
	}
}
