package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/ui/common"
)

// TestASCIIScreens: with --ascii, screens over ASCII-only data hold only
// ASCII: the list, a timeline of every kind, the help, a narrow layout.
func TestASCIIScreens(t *testing.T) {
	h := newHarness(t, testDataset(30, map[int]int{30: 20}), Config{Repo: widgets, ASCII: true}, 160, 45)
	h.run()
	screens := map[string]string{"start": h.view()}
	h.keys("tab", "j", "j", "enter", "/", "c", "o")
	h.run()
	screens["timeline, search"] = h.view()
	h.keys("esc", "?")
	screens["help"] = h.view()
	h.keys("?")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 30})
	screens["narrow"] = h.view()
	for name, v := range screens {
		for i, r := range v {
			if r > 127 {
				t.Errorf("%s: non-ASCII %q at byte %d:\n%s", name, r, i, v)
				break
			}
		}
	}
}

// TestEveryGlyphHasAnASCIIStandIn walks the ui source: every non-ASCII
// character in a string literal (outside tests) must have a stand-in of
// the same width, so a glyph added later cannot slip past --ascii.
func TestEveryGlyphHasAnASCIIStandIn(t *testing.T) {
	table := common.ASCIIGlyphs()
	for g, a := range table {
		if ansi.StringWidth(g) != len(a) || len(a) != 1 {
			t.Errorf("%q (width %d) stands in as %q: widths differ", g, ansi.StringWidth(g), a)
		}
	}
	fset := token.NewFileSet()
	// The model's words are drawn too (event summaries, ages).
	for _, root := range []string{".", "../model"} {
		if err := walkLiterals(t, fset, root, table); err != nil {
			t.Fatal(err)
		}
	}
}

func walkLiterals(t *testing.T, fset *token.FileSet, root string, table map[string]string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, r := range s {
				if r > 127 && table[string(r)] == "" && !strings.Contains(path, "ascii.go") {
					t.Errorf("%s: %q has no ASCII stand-in (ui/common/ascii.go)", fset.Position(lit.Pos()), r)
				}
			}
			return true
		})
		return nil
	})
}
