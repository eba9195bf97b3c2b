package prlist

import (
	"testing"
	"time"

	"github.com/prscope/prscope/internal/termtest"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// FuzzListRows: whatever a PR's strings hold, the list draws no escape
// sequence of theirs and never a line wider than the pane.
func FuzzListRows(f *testing.F) {
	for _, s := range termtest.Hostile {
		f.Add(s, s, uint8(80))
	}
	f.Add("plain title", "alice", uint8(3))
	f.Fuzz(func(t *testing.T, title, user string, width uint8) {
		w := int(width)
		c := common.New()
		c.Now = func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }
		m := New(c)
		m.Focus()
		m.SetSize(w, 4)
		m.Append([]model.PullRequest{
			{Number: 7, Title: title, User: user, State: model.StateOpen, CreatedAt: c.Now().AddDate(0, -1, 0),
				Labels: []model.Label{{Name: title}}},
			{Number: 6, Title: user, User: title, State: model.StateMerged},
		})
		termtest.CheckScreen(t, m.View(), w, 4)
	})
}
