package common

import "testing"

func TestParseKey(t *testing.T) {
	for in, want := range map[string]string{
		"j": "j", "?": "?", "ctrl+j": "ctrl+j", "enter": "enter", "shift+tab": "shift+tab",
		"pgdown": "pgdown", "f5": "f5", "space": " ", "alt+q": "alt+q", "alt+enter": "alt+enter", "é": "é",
	} {
		if got, err := ParseKey(in); err != nil || got != want {
			t.Errorf("ParseKey(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "jj", "ctrl+shift+x", "alt+", "\x1b", "Enter", "alt+alt+q"} {
		if got, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) = %q, want an error", bad, got)
		}
	}
}

func TestCheckColor(t *testing.T) {
	for _, ok := range []string{"#aabbcc", "#ABC", "0", "8", "255"} {
		if err := CheckColor(ok); err != nil {
			t.Errorf("CheckColor(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "#12345g", "#abcd", "256", "-1", "08", "red", "#+1234"} {
		if CheckColor(bad) == nil {
			t.Errorf("CheckColor(%q) accepted", bad)
		}
	}
}
