package ui

import (
	"bytes"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/prscope/prscope/model"
)

// copied decodes the OSC 52 sequences written to the terminal.
func copied(t *testing.T, term *bytes.Buffer) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`\x1b\]52;c;([A-Za-z0-9+/=]*)\x07`).FindAllStringSubmatch(term.String(), -1) {
		b, err := base64.StdEncoding.DecodeString(m[1])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// TestOpenAndCopy: o opens, y copies the URL of, and Y copies the SHA or
// number of what is selected: the PR in the list, the commit or comment
// under the cursor in the detail. The status bar says what happened.
func TestOpenAndCopy(t *testing.T) {
	var opened []string
	var term bytes.Buffer
	h := demoHarness(t, Config{Number: 11,
		OpenURL:   func(u string) error { opened = append(opened, u); return nil },
		Clipboard: &term,
	}, 160, 45)
	h.run()
	h.keys("tab") // the list
	h.keys("o", "y", "Y")
	h.run()
	pr := "https://github.com/kernel-patches/bpf/pull/11"
	if len(opened) != 1 || opened[0] != pr {
		t.Fatalf("o opened %q, want %s", opened, pr)
	}
	if got := copied(t, &term); len(got) != 2 || got[0] != pr || got[1] != "#11" {
		t.Fatalf("y, Y copied %q, want the URL and #11", got)
	}
	if v := h.view(); !strings.Contains(v, "copied #11") {
		t.Errorf("the status bar does not say what was copied:\n%s", v)
	}
	h.keys("tab") // any key clears the notice; back to the detail
	if v := h.view(); strings.Contains(v, "copied #11") {
		t.Errorf("the notice outlived the next key:\n%s", v)
	}

	// In the detail, on the first referencing commit.
	for i := 0; i < 20 && !strings.Contains(h.view(), "▌ ◆"); i++ {
		h.keys("j")
	}
	term.Reset()
	h.keys("y", "Y")
	h.run()
	got := copied(t, &term)
	if len(got) != 2 || !regexp.MustCompile(`^https://github.com/[^/]+/[^/]+/commit/[0-9a-f]{40}$`).MatchString(got[0]) ||
		!strings.HasSuffix(got[0], "/commit/"+got[1]) {
		t.Fatalf("on a commit, y and Y copied %q, want its URL and full SHA", got)
	}
	if v := h.view(); !strings.Contains(v, "copied the SHA of commit "+got[1][:7]) {
		t.Errorf("the status bar does not name the commit:\n%s", v)
	}
}

// TestOpenRefusesWhatIsNotAWebPage: a URL from the API that is not
// http(s) never reaches the browser; a browser that fails says so.
func TestOpenRefusesWhatIsNotAWebPage(t *testing.T) {
	var opened []string
	h := newHarness(t, testDataset(3, nil), Config{Repo: widgets,
		OpenURL: func(u string) error { opened = append(opened, u); return errors.New("no display") },
	}, 160, 45)
	h.run()
	h.keys("o")
	h.run()
	if v := h.view(); len(opened) != 1 || !strings.Contains(v, "✗ could not open") || !strings.Contains(v, "no display") {
		t.Errorf("a failing browser: opened %q, view:\n%s", opened, v)
	}
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "", "https://github.com/x y"} {
		m := h.root()
		m.lists.list.Replace(prWithURL(m, bad))
		h.m = m
		opened = nil
		h.keys("o")
		h.run()
		if len(opened) != 0 {
			t.Errorf("%q was handed to the browser", bad)
		}
		if v := h.view(); !strings.Contains(v, "has no web page to open") {
			t.Errorf("%q: no message:\n%s", bad, v)
		}
	}
}

// prWithURL is the selected PR with its html_url replaced.
func prWithURL(m Model, u string) model.PullRequest {
	pr, _ := m.lists.list.Selected()
	pr.HTMLURL = u
	return pr
}
