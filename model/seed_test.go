package model

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// The seed is kernel-patches/bpf#11 as the demo ships it: the JSON the demo
// serves and the text capture of the GitHub page it was rebuilt from. Tests
// read both directly so that model does not depend on package github.
const (
	seedJSONPath = "../github/fake/demodata/kernel-patches-bpf-11.json"
	seedPagePath = "../github/fake/demodata/seed/kernel-patches-bpf-pr-11.txt"
	seedNumber   = 11
	seedRefCount = 51 // "pushed a commit that referenced this pull request" entries
)

var seedRepo = Repo{Owner: "kernel-patches", Name: "bpf"}

// seedDemo is the slice of the demo JSON these tests need.
type seedDemo struct {
	Repos map[string]struct {
		Pulls []struct {
			Number   int    `json:"number"`
			Body     string `json:"body"`
			Timeline []struct {
				Event      EventKind `json:"event"`
				Actor      string    `json:"actor"`
				CreatedAt  time.Time `json:"created_at"`
				Body       string    `json:"body"`
				SHA        string    `json:"sha"`
				CommitRepo string    `json:"commit_repo"`
				Message    string    `json:"message"`
			} `json:"timeline"`
		} `json:"pulls"`
		Commits map[string]struct {
			Message string `json:"message"`
		} `json:"commits"`
	} `json:"repos"`
}

// seedPR is PR #11 decoded: its body and its timeline as Events, with each
// referenced commit's message filled in as the client does after fetching it.
type seedPR struct {
	Body     string
	Timeline []Event
}

func loadSeedPR(t testing.TB) seedPR {
	t.Helper()
	raw, err := os.ReadFile(seedJSONPath)
	if err != nil {
		t.Fatal(err)
	}
	var demo seedDemo
	if err := json.Unmarshal(raw, &demo); err != nil {
		t.Fatal(err)
	}
	repo, ok := demo.Repos[seedRepo.String()]
	if !ok {
		t.Fatalf("no %s in %s", seedRepo, seedJSONPath)
	}
	for _, pull := range repo.Pulls {
		if pull.Number != seedNumber {
			continue
		}
		pr := seedPR{Body: pull.Body}
		for _, e := range pull.Timeline {
			ev := Event{Event: e.Event, Actor: e.Actor, CreatedAt: e.CreatedAt, Body: e.Body}
			if e.SHA != "" {
				message := e.Message
				if c, ok := repo.Commits[e.SHA]; ok && message == "" {
					message = c.Message
				}
				ev.Commit = &CommitRef{SHA: e.SHA, Repo: e.CommitRepo, Message: message}
			}
			pr.Timeline = append(pr.Timeline, ev)
		}
		return pr
	}
	t.Fatalf("no PR #%d in %s", seedNumber, seedJSONPath)
	return seedPR{}
}

// referenced returns the indexes of the referenced events, in order.
func (pr seedPR) referenced() []int {
	var idx []int
	for i, e := range pr.Timeline {
		if e.Event == "referenced" {
			idx = append(idx, i)
		}
	}
	return idx
}

// seedPageMessages are the commit messages as the captured page shows them:
// the lines after each "pushed a commit that referenced this pull request"
// header up to the next header or the page's end.
func seedPageMessages(t testing.TB) []string {
	t.Helper()
	raw, err := os.ReadFile(seedPagePath)
	if err != nil {
		t.Fatal(err)
	}
	var messages []string
	var current []string
	inMessage := false
	flush := func() {
		if inMessage {
			messages = append(messages, strings.Join(current, "\n"))
		}
		current = nil
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		switch {
		case strings.Contains(line, "pushed a commit that referenced this pull request"):
			flush()
			inMessage = true
		case strings.HasPrefix(line, "Sign up for free to join this conversation"):
			flush()
			inMessage = false
		case inMessage:
			current = append(current, line)
		}
	}
	flush()
	return messages
}

// seedPageBlocks are the page's description and comments: the text between
// each "Copy link" line (followed by an optional "Author" line) and the next
// blank line.
func seedPageBlocks(t testing.TB) []string {
	t.Helper()
	raw, err := os.ReadFile(seedPagePath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	var blocks []string
	for i := 0; i < len(lines); i++ {
		if lines[i] != "Copy link" {
			continue
		}
		j := i + 1
		if j < len(lines) && lines[j] == "Author" {
			j++
		}
		if j < len(lines) && lines[j] == "" {
			j++
		}
		start := j
		for j < len(lines) && lines[j] != "" {
			j++
		}
		blocks = append(blocks, strings.Join(lines[start:j], "\n"))
		i = j
	}
	return blocks
}

// The two sources agree, so what the tests check on one holds for the other.
func TestSeedSourcesAgree(t *testing.T) {
	pr := loadSeedPR(t)
	page := seedPageMessages(t)
	refs := pr.referenced()
	if len(refs) != seedRefCount || len(page) != seedRefCount {
		t.Fatalf("referenced events: JSON %d, page %d, want %d", len(refs), len(page), seedRefCount)
	}
	for k, i := range refs {
		if got := pr.Timeline[i].Commit.Message; got != page[k] {
			t.Errorf("reference %d: JSON message differs from the page's", k+1)
		}
	}
	blocks := seedPageBlocks(t)
	if len(blocks) != 5 {
		t.Fatalf("page has %d body/comment blocks, want 5: %q", len(blocks), blocks)
	}
	for _, b := range blocks {
		if b != pr.Body {
			t.Errorf("page block %q differs from the PR body %q", b, pr.Body)
		}
	}
}
