package ui

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
)

var commentNumber = regexp.MustCompile(`comment (\d+) on PR 3`)

// commentsInView are the numbers of the comments on screen, in order.
func commentsInView(v string) []int {
	var out []int
	for _, m := range commentNumber.FindAllStringSubmatch(v, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// timelinePagesAsked are the timeline pages requested, in order.
func (h *harness) timelinePagesAsked() []int {
	var out []int
	for _, r := range h.server.Requests() {
		if r.Path == "/repos/acme/widgets/issues/3/timeline" {
			p, _ := strconv.Atoi(r.Query.Get("page"))
			out = append(out, max(p, 1))
		}
	}
	return out
}

// TestGapsKeepTheirOrder: from the end of a 2,600-event PR, scrolling up
// never jumps over the pages between: each key that reaches the gap waits
// on it while the page next to you loads (page 25, 24, …, never page 2),
// and what is on screen goes back in time without a leap.
func TestGapsKeepTheirOrder(t *testing.T) {
	for _, key := range []string{"pgup", "k"} {
		t.Run(key, func(t *testing.T) {
			h := newHarness(t, testDataset(3, map[int]int{3: 2600}), Config{Repo: widgets, Number: 3}, 160, 45)
			h.run()
			h.keys("G")
			h.run()
			prev := commentsInView(h.view())
			if len(prev) == 0 || prev[len(prev)-1] != 2598 {
				t.Fatalf("setup: G shows comments %v", prev)
			}
			presses := 300
			if key == "k" {
				presses = 600
			}
			for range presses {
				h.keys(key)
				h.run()
				now := commentsInView(h.view())
				if len(now) == 0 {
					continue // a tall stretch of labels and commits
				}
				if now[0] > prev[0] || prev[0]-now[0] > 60 {
					t.Fatalf("%s went from comments %v to %v", key, prev, now)
				}
				prev = now
			}
			asked := h.timelinePagesAsked()
			if len(asked) < 4 || !slices.Equal(asked[:4], []int{1, 26, 25, 24}) {
				t.Errorf("pages asked %v, want 1, 26, then 25, 24, … down from where you read", asked)
			}
			for i := 3; i < len(asked); i++ {
				if asked[i] != asked[i-1]-1 {
					t.Errorf("pages asked %v: page %d after %d", asked, asked[i], asked[i-1])
					break
				}
			}
		})
	}
}
