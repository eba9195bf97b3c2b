package main

import (
	"io"
	"os/exec"
	"strings"

	"github.com/cli/browser"
)

// opener opens web pages for o. Like gh, it honours BROWSER (a command,
// with arguments, that takes the URL last); without it, cli/browser finds
// the platform's opener (xdg-open, open, start).
func opener(getenv func(string) string) func(url string) error {
	// cli/browser echoes the opener's output to our stdout, which is the
	// UI's terminal: it would scribble over the screen.
	browser.Stdout, browser.Stderr = io.Discard, io.Discard
	command := strings.Fields(getenv("BROWSER"))
	if len(command) == 0 {
		return browser.OpenURL
	}
	return func(url string) error {
		cmd := exec.Command(command[0], append(command[1:], url)...)
		// The browser may run for as long as it likes; only its start
		// counts. Wait reaps it whenever it ends.
		if err := cmd.Start(); err != nil {
			return err
		}
		go cmd.Wait() //nolint:errcheck // its exit status tells us nothing
		return nil
	}
}
