package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOpenerHonoursBROWSER: with BROWSER set, o runs that command with
// its arguments and the URL last, as gh does.
func TestOpenerHonoursBROWSER(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "opened")
	script := filepath.Join(dir, "fake-browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\" > "+out+".tmp && mv "+out+".tmp "+out+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BROWSER": script + " --new-tab"}
	open := opener(func(k string) string { return env[k] })
	if err := open("https://github.com/kernel-patches/bpf/pull/11"); err != nil {
		t.Fatal(err)
	}
	var got []byte
	for i := 0; i < 200; i++ { // the browser runs on its own: wait for its file
		if b, err := os.ReadFile(out); err == nil {
			got = b
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if want := "--new-tab https://github.com/kernel-patches/bpf/pull/11"; strings.TrimSpace(string(got)) != want {
		t.Errorf("the browser got %q, want %q", got, want)
	}
	env["BROWSER"] = filepath.Join(dir, "no-such-browser")
	if err := opener(func(k string) string { return env[k] })("https://github.com/"); err == nil {
		t.Error("a BROWSER that cannot start reported no error")
	}
}
