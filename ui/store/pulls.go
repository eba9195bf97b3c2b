package store

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// LoadPull asks for PR number (GET /pulls/N): a fresher copy with counts,
// or one the list has not reached.
func (s *Store) LoadPull(number int, intent httpcache.Intent) tea.Cmd {
	return s.getPull(KindPull, number, intent)
}

// LoadSearchPull asks for a search result's PR, which search results give
// without head, base or counts.
func (s *Store) LoadSearchPull(number int) tea.Cmd {
	return s.getPull(KindSearchPull, number, httpcache.Initial)
}

func (s *Store) getPull(kind Kind, number int, intent httpcache.Intent) tea.Cmd {
	src, repo := s.cfg.Source, s.cfg.Repo
	return request(s, Key{Kind: kind, Number: number}, 0, intent, func(ctx context.Context) (model.PullRequest, model.Page, error) {
		pr, err := src.GetPull(ctx, repo, number)
		return pr, model.Page{}, err
	})
}

func (s *Store) onPull(r Reply[model.PullRequest]) Change {
	ch := Change{Key: r.Key, Err: r.Err}
	if r.Err != nil {
		s.fail(r.Key.Kind, r.Err)
		return ch
	}
	s.succeed(r.Key.Kind)
	ch.PRs = []model.PullRequest{r.Value}
	return ch
}

// LoadIdentity asks whose token this is (GET /user), once per run. A
// failure there stops nothing: the bar says "token" instead of a name, and
// no error banner appears, since the requests that matter report their
// own.
func (s *Store) LoadIdentity() tea.Cmd {
	src := s.cfg.Source
	return request(s, Key{Kind: KindIdentity}, 0, httpcache.Initial, func(ctx context.Context) (string, model.Page, error) {
		login, err := src.User(ctx)
		return login, model.Page{}, err
	})
}

// SetIdentity names the token's owner as another tab learnt it.
func (s *Store) SetIdentity(identity string) { s.identity = identity }

func (s *Store) onIdentity(r Reply[string]) Change {
	s.identity = identityOf(r)
	return Change{Key: r.Key}
}

func identityOf(r Reply[string]) string {
	if r.Err != nil || r.Value == "" {
		return "token"
	}
	return "@" + r.Value
}

// IdentityIn is the identity an answer to GET /user names, for the tabs
// that did not ask.
func IdentityIn(msg any) (string, bool) {
	if r, ok := msg.(Reply[string]); ok && r.Key.Kind == KindIdentity {
		return identityOf(r), true
	}
	return "", false
}
