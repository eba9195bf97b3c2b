package fake

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/prscope/prscope/model"
)

// Review comments of synthetic PRs. They come from a random stream of their
// own, drawn after the timeline is made, so adding them changed no PR's
// timeline, title or body.

var syntheticFiles = []string{
	"kernel/bpf/verifier.c",
	"include/linux/bpf.h",
	"tools/testing/selftests/bpf/progs/test_spin_lock.c",
	"net/core/filter.c",
	"tools/lib/bpf/libbpf.c",
}

var syntheticLineComments = []string{
	"This can overflow when off is negative; please check the bounds first.",
	"nit: extra blank line.",
	"Could this use bpf_map_lookup_elem() instead of open-coding it?",
	"Why is the lock dropped here? The caller still expects it held.",
	"Please add a selftest for this case.",
	"s/recieve/receive/",
}

var syntheticReplies = []string{
	"Good catch, fixed in the next version.",
	"+1, I hit the same thing on arm64.",
	"Done.",
	"I'd rather keep it: the helper does more than we need here.",
}

// reviewComments gives the PR's reviews comments on its diff: SyntheticAllEventsPR
// a fixed set (threads across reviews, several files, an outdated line),
// others a few drawn at random.
func (g *pullGen) reviewComments() {
	rng := rand.New(rand.NewPCG(g.opts.Seed^0x7e71e35c0, uint64(g.n)))
	var reviews []int
	for i, e := range g.pull.Timeline {
		if e.Event == model.KindReviewed {
			reviews = append(reviews, i)
		}
	}
	if g.n == SyntheticAllEventsPR && len(reviews) >= 2 {
		g.allEventsReviewComments(rng, reviews[0], reviews[1])
		return
	}
	for _, r := range reviews {
		if rng.IntN(2) == 0 {
			continue
		}
		for range 1 + rng.IntN(3) {
			c := syntheticLineComment(rng, r)
			if n := len(g.pull.ReviewComments); n > 0 && rng.IntN(3) == 0 {
				// A reply in the thread of an earlier comment, on its line.
				prev := g.pull.ReviewComments[rng.IntN(n)]
				for prev.ReplyTo > 0 {
					prev = g.pull.ReviewComments[prev.ReplyTo-1]
				}
				c.Path, c.Line, c.StartLine, c.OrigLine, c.DiffHunk = prev.Path, prev.Line, prev.StartLine, prev.OrigLine, prev.DiffHunk
				c.ReplyTo, c.Body = 1+g.indexOf(prev), pick(rng, syntheticReplies)
			}
			g.pull.ReviewComments = append(g.pull.ReviewComments, c)
		}
	}
}

// allEventsReviewComments: the first review asks for changes in three
// comments on three files (one line since rebased away, one a range); the
// approving review answers the first thread and adds a nit of its own.
func (g *pullGen) allEventsReviewComments(rng *rand.Rand, first, second int) {
	verifier := syntheticHunk(rng, 1203)
	g.pull.ReviewComments = []FakeReviewComment{
		{Review: first, Path: syntheticFiles[0], Line: 1203, OrigLine: 1203, DiffHunk: verifier, Body: syntheticLineComments[0]},
		{Review: first, Path: syntheticFiles[1], Line: 0, OrigLine: 88, DiffHunk: syntheticHunk(rng, 88), Body: syntheticLineComments[3]},
		{Review: first, Path: syntheticFiles[2], StartLine: 40, Line: 44, OrigLine: 44, DiffHunk: syntheticHunk(rng, 44), Body: syntheticLineComments[4]},
		{Review: second, ReplyTo: 1, Path: syntheticFiles[0], Line: 1203, OrigLine: 1203, DiffHunk: verifier, Body: syntheticReplies[1]},
		{Review: second, Path: syntheticFiles[3], Line: 77, OrigLine: 77, DiffHunk: syntheticHunk(rng, 77), Body: syntheticLineComments[1]},
	}
}

func (g *pullGen) indexOf(c FakeReviewComment) int {
	for i, have := range g.pull.ReviewComments {
		if have == c {
			return i
		}
	}
	return 0
}

func syntheticLineComment(rng *rand.Rand, review int) FakeReviewComment {
	line := 10 + rng.IntN(2000)
	c := FakeReviewComment{Review: review, Path: pick(rng, syntheticFiles), Line: line, OrigLine: line,
		DiffHunk: syntheticHunk(rng, line), Body: pick(rng, syntheticLineComments)}
	switch rng.IntN(5) {
	case 0:
		c.Line = 0 // outdated
	case 1:
		c.StartLine = max(line-3, 1)
	}
	return c
}

// syntheticHunk is a diff hunk ending at line, as GitHub cuts one for a
// comment: the @@ header and the lines up to the commented one.
func syntheticHunk(rng *rand.Rand, line int) string {
	start := max(line-4, 1)
	lines := []string{
		fmt.Sprintf("@@ -%d,4 +%d,5 @@ static int check_%s(struct bpf_verifier_env *env)", start, start, pick(rng, []string{"mem_access", "helper_call", "ld_abs", "alu_op"})),
		" \tstruct bpf_reg_state *reg = &regs[regno];",
		" \tint err;",
		"-\tif (off < 0)",
		"+\tif (off < 0 || off >= size)",
		"+\t\treturn -EACCES;",
	}
	return strings.Join(lines, "\n")
}
