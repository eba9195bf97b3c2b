package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/prscope.md and docs/prscope.1")

// TestDocsAreCurrent: the committed reference is what `prscope docs`
// prints now. After changing flags, keys or --help:
//
//	go test ./cmd/prscope -run TestDocsAreCurrent -update-docs
func TestDocsAreCurrent(t *testing.T) {
	for format, file := range map[string]string{"markdown": "prscope.md", "man": "prscope.1"} {
		var out bytes.Buffer
		if err := writeDocs(&out, format); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "..", "docs", file)
		if *updateDocs {
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		committed, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(committed, out.Bytes()) {
			t.Errorf("docs/%s is stale: run go test ./cmd/prscope -run TestDocsAreCurrent -update-docs", file)
		}
	}
}

// TestDocsNameEveryKeyAndFlag: the reference lists every default binding
// and every flag, and the man page escapes what roff would misread.
func TestDocsNameEveryKeyAndFlag(t *testing.T) {
	var md, man bytes.Buffer
	if err := writeDocs(&md, "markdown"); err != nil {
		t.Fatal(err)
	}
	if err := writeDocs(&man, "man"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"`d`", "message diff vs previous revision", "`o`", "open in browser", "`--no-mouse`", "### timeline"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the markdown reference lacks %q", want)
		}
	}
	for _, line := range strings.Split(man.String(), "\n") {
		if strings.HasPrefix(line, ".") && !strings.HasPrefix(line, ".\\\"") {
			switch strings.Fields(line)[0] {
			case ".TH", ".SH", ".SS", ".TP", ".nf", ".fi":
			default:
				t.Errorf("the man page has a line roff would take for a request: %q", line)
			}
		}
	}
	if code, _, stderr := runCLI(t, nil, "docs", "pdf"); code != 2 || !strings.Contains(stderr, "markdown or man") {
		t.Errorf("an unknown format: exit %d, %q", code, stderr)
	}
}
