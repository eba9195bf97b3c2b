package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"github.com/prscope/prscope/github/fake"
)

// TestRetryHintsNameTheReloadKeyAsBound: with reload moved to ctrl+r,
// what failed says "ctrl+r to retry", never a key that does nothing.
func TestRetryHintsNameTheReloadKeyAsBound(t *testing.T) {
	keys := DefaultKeyMaps()
	keys.Root.Reload = key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "revalidate PR"))
	h := newHarness(t, testDataset(3, nil), Config{Repo: widgets, Keys: &keys}, 160, 45)
	h.server.SetFaults(func(r *http.Request) *fake.Fault {
		if r.URL.Path == "/repos/acme/widgets/pulls" {
			return &fake.Fault{Status: 500}
		}
		return nil
	})
	h.run()
	v := h.view()
	if !strings.Contains(v, "ctrl+r to retry") || strings.Contains(v, "(r to retry") {
		t.Errorf("the failed list does not name the bound key:\n%s", v)
	}
}
