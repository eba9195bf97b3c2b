package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// bashComplete runs the bash script's completion for the words typed so far
// (the last one is being completed) and returns what it offers.
func bashComplete(t *testing.T, script string, words ...string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "prscope.bash")
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + w + "'"
	}
	prog := "source " + file + "; COMP_WORDS=(prscope " + strings.Join(quoted, " ") + "); COMP_CWORD=" +
		strconv.Itoa(len(words)) + "; _prscope; echo \"${COMPREPLY[*]}\""
	out, err := exec.Command("bash", "-c", prog).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash here")
	}
	code, script, stderr := runCLI(t, nil, "completion", "bash")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{[]string{"--st"}, "--state"},
		{[]string{"--state", ""}, "open closed all"},
		{[]string{"--state", "cl"}, "closed"},
		{[]string{"--no-"}, "--no-cache --no-mouse"},
		{[]string{"du"}, "dump"},
		{[]string{"co"}, "config completion"},
		{[]string{"cache", ""}, "clear"},
		{[]string{"completion", "z"}, "zsh"},
	} {
		if got := bashComplete(t, script, tt.words...); got != tt.want {
			t.Errorf("completing %q offers %q, want %q", tt.words, got, tt.want)
		}
	}
}

// TestCompletionsOfferEveryFlag: each script, and the usage text, names
// every flag the parser knows, so none is ever left out of either.
func TestCompletionsOfferEveryFlag(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		var out bytes.Buffer
		if err := writeCompletion(&out, shell); err != nil {
			t.Fatal(err)
		}
		for _, f := range completionFlags() {
			name := "--" + f.name
			if shell == "fish" {
				name = "-l " + f.name + " "
			}
			if !strings.Contains(out.String(), name) {
				t.Errorf("the %s script does not offer --%s", shell, f.name)
			}
		}
	}
	for _, f := range completionFlags() {
		if !strings.Contains(usageText, "--"+f.name) {
			t.Errorf("--help does not mention --%s", f.name)
		}
	}
	if code, _, stderr := runCLI(t, nil, "completion", "tcsh"); code != 2 || !strings.Contains(stderr, "bash, zsh or fish") {
		t.Errorf("an unknown shell: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, nil, "completion"); code != 2 || !strings.Contains(stderr, "needs a shell") {
		t.Errorf("no shell: exit %d, %q", code, stderr)
	}
}
