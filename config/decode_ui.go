package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prscope/prscope/ui/common"
)

// The theme and keybindings sections: checked against what the UI has, so
// a colour it cannot draw or a key it cannot match is refused here.

func (d decoder) theme(v *yaml.Node, lines map[string]int) (common.Theme, error) {
	fields, err := d.mapping(v, "theme", common.ThemeNames())
	if err != nil {
		return nil, err
	}
	theme := common.Theme{}
	for _, kv := range fields {
		path := "theme." + kv.key.Value
		c, err := d.color(kv.value, path)
		if err != nil {
			return nil, err
		}
		theme[kv.key.Value] = c
		lines[path] = kv.value.Line
	}
	return theme, nil
}

func (d decoder) color(v *yaml.Node, path string) (common.Color, error) {
	if v.Kind == yaml.MappingNode {
		fields, err := d.mapping(v, path, adaptiveKeys)
		if err != nil {
			return common.Color{}, err
		}
		var c common.Color
		for _, kv := range fields {
			s, err := d.oneColor(kv.value, path+"."+kv.key.Value)
			if err != nil {
				return c, err
			}
			if kv.key.Value == "light" {
				c.Light = s
			} else {
				c.Dark = s
			}
		}
		if c.Light == "" || c.Dark == "" {
			return c, d.errorf(v, path, "an adaptive colour needs both light and dark")
		}
		return c, nil
	}
	s, err := d.oneColor(v, path)
	return common.Color{Light: s, Dark: s}, err
}

func (d decoder) oneColor(v *yaml.Node, path string) (string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return "", d.errorf(v, path, `no colour given (an unquoted # starts a comment: write "#rrggbb" in quotes)`)
	}
	s, err := d.scalar(v, path)
	if err != nil {
		return "", err
	}
	if err := common.CheckColor(s); err != nil {
		return "", d.errorf(v, path, "%v", err)
	}
	return s, nil
}

func (d decoder) keybindings(v *yaml.Node) ([]Binding, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, d.errorf(v, "keybindings", "want a list of {key: …, action: …}, not %s", describe(v))
	}
	var out []Binding
	for i, item := range v.Content {
		path := fmt.Sprintf("keybindings[%d]", i)
		fields, err := d.mapping(item, path, bindingKeys)
		if err != nil {
			return nil, err
		}
		b := Binding{Line: resolveAlias(item).Line}
		for _, kv := range fields {
			val, err := d.scalar(kv.value, path+"."+kv.key.Value)
			if err != nil {
				return nil, err
			}
			if kv.key.Value == "key" {
				if b.Key, err = common.ParseKey(val); err != nil {
					return nil, d.errorf(kv.value, path+".key", "%v", err)
				}
			} else {
				if names := d.keys().Actions(); !slices.Contains(names, val) {
					return nil, d.errorf(kv.value, path+".action", "%q is not an action: want one of %s", val, strings.Join(names, ", "))
				}
				b.Action = val
			}
		}
		switch {
		case b.Key == "":
			return nil, d.errorf(item, path, "no key given")
		case b.Action == "":
			return nil, d.errorf(item, path, "no action given")
		}
		out = append(out, b)
	}
	// Apply them to the defaults once here, so a clash is reported with
	// the file's line rather than when the UI starts.
	var re *BindError
	if err := d.keys().Bind(out); errors.As(err, &re) {
		return nil, &Error{File: d.name, Line: out[re.Index].Line, Key: fmt.Sprintf("keybindings[%d].%s", re.Index, re.Field), Msg: re.Msg}
	} else if err != nil {
		return nil, err
	}
	return out, nil
}

// KeyMap is the UI's key maps as config checks and prints them
// (ui.ConfigKeys): config holds the bindings as data, and the UI says
// whether they clash and which keys each action ends up with.
type KeyMap interface {
	// Bind applies bindings over the defaults: a *BindError on a clash.
	Bind(bindings []Binding) error
	Keys(action string) []string
	// Actions are the names bindings may name, in the order they print.
	Actions() []string
}

// BindError is a binding the UI refused: bindings[Index].Field, and why.
type BindError struct {
	Index int
	Field string
	Msg   string
}

func (e *BindError) Error() string {
	return fmt.Sprintf("keybindings[%d].%s: %s", e.Index, e.Field, e.Msg)
}
