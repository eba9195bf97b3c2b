package github_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
)

// A used-up limit suggests a token only when none is in use: a token's
// own budget can be small (an app installation, a GitHub Enterprise
// policy), and "set GH_TOKEN" would then be wrong.
func TestTokenHintOnlyWithoutAToken(t *testing.T) {
	for _, tc := range []struct {
		token string
		hint  bool
	}{{"", true}, {testToken, false}} {
		name := map[bool]string{true: "anonymous", false: "token"}[tc.token == ""]
		t.Run(name+"/refused here", func(t *testing.T) {
			rig := newCacheRig(t)
			rig.srv = startFakeFor(t, clientDataset(), fake.FakeOptions{RateLimit: 1})
			c := rig.clientWith(github.Options{Token: tc.token})
			if _, err := c.GetPull(context.Background(), acmeWidgets, 1); err != nil {
				t.Fatal(err)
			}
			_, err := c.GetPull(context.Background(), acmeWidgets, 2)
			checkHint(t, asAPIError(t, err, http.StatusForbidden).Error(), tc.hint)
		})
		t.Run(name+"/answered by GitHub", func(t *testing.T) {
			rig := newCacheRig(t)
			f := fake.FaultRateLimited(rig.clock.Now().Add(time.Hour))
			f.Header.Set("X-Ratelimit-Limit", "60")
			rig.srv.SetFaults(func(*http.Request) *fake.Fault { return f })
			c := rig.clientWith(github.Options{Token: tc.token})
			_, err := c.GetPull(context.Background(), acmeWidgets, 1)
			checkHint(t, asAPIError(t, err, http.StatusForbidden).Error(), tc.hint)
		})
	}
}

func checkHint(t *testing.T, msg string, hint bool) {
	t.Helper()
	if hint {
		checkMessage(t, msg, []string{"rate limit used up", "set GH_TOKEN"}, nil)
	} else {
		checkMessage(t, msg, []string{"rate limit used up"}, []string{"GH_TOKEN"})
	}
}
