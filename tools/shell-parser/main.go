// The shell parser of the analysis core: mvdan/sh (the parser of shfmt) compiled to WebAssembly, with the
// whole syntax tree exported. sh-syntax, the npm build of the same parser, exports only the top-level
// statements (a command's words, pipelines, heredocs and arithmetic have no node there), so the core could
// not ask it what a command's argv is or where a placeholder sits.
//
// Built by tools/shell-parser/build.sh from Debian's golang-go and golang-mvdan-sh-dev packages into
// tools/shell-parser/mvdan-sh.wasm.gz (the package @runbooks/shell-parser). The reader is src/lib/core/shell/parser.ts.
//
// Protocol: the module sets globalThis.__runbookShellParser = { kinds, roles, parse(texts, variant) }.
// parse returns one JSON string: an array with, per text, either
//   {"n": [kind, start, end, parent, role, extra, ...], "s": [strings]}  (6 numbers per node, in document order;
//      start/end are byte offsets; parent is a node index or -1; extra indexes "s" or is -1)
// or {"e": [offset, line, column, message, incomplete]} for a syntax error (incomplete: the text ends too early).
package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"syscall/js"

	"mvdan.cc/sh/v3/syntax"
)

// Node kinds, in the order of the kinds table the JavaScript side reads.
var kinds = []string{
	"File", "Stmt", "Comment", "CallExpr", "Assign", "Redirect", "Word", "Lit", "SglQuoted", "DblQuoted",
	"ParamExp", "CmdSubst", "ArithmExp", "ProcSubst", "ExtGlob", "BraceExp", "BinaryCmd", "Subshell", "Block",
	"IfClause", "WhileClause", "ForClause", "WordIter", "CStyleLoop", "CaseClause", "CaseItem", "FuncDecl",
	"ArithmCmd", "BinaryArithm", "UnaryArithm", "ParenArithm", "TestClause", "BinaryTest", "UnaryTest",
	"ParenTest", "DeclClause", "ArrayExpr", "ArrayElem", "LetClause", "TimeClause", "CoprocClause", "TestDecl",
}

// The field of its parent a node fills.
var roles = []string{
	"", "stmt", "cmd", "redir", "assign", "arg", "name", "value", "index", "array", "op-n", "word", "hdoc",
	"part", "cond", "then", "else", "do", "loop", "item", "init", "post", "x", "y", "pattern", "body",
	"param", "slice-offset", "slice-length", "repl-orig", "repl-with", "exp", "variant", "elem", "expr",
	"comment", "description",
}

type encoder struct {
	nodes   []int
	strings []string
	index   map[string]int
	kind    map[string]int
	role    map[string]int
}

func (e *encoder) str(s string) int {
	if i, ok := e.index[s]; ok {
		return i
	}
	e.index[s] = len(e.strings)
	e.strings = append(e.strings, s)
	return len(e.strings) - 1
}

// add appends a node and returns its index.
func (e *encoder) add(kind string, pos, end syntax.Pos, parent int, role string, extra string) int {
	x := -1
	if extra != "" {
		x = e.str(extra)
	}
	e.nodes = append(e.nodes, e.kind[kind], int(pos.Offset()), int(end.Offset()), parent, e.role[role], x)
	return len(e.nodes)/6 - 1
}

func flags(pairs ...interface{}) string {
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1].(bool) {
			parts = append(parts, pairs[i].(string))
		}
	}
	return strings.Join(parts, ",")
}

func (e *encoder) stmts(stmts []*syntax.Stmt, last []syntax.Comment, parent int, role string) {
	for _, s := range stmts {
		e.stmt(s, parent, role)
	}
	for i := range last {
		e.add("Comment", last[i].Pos(), last[i].End(), parent, "comment", "")
	}
}

func (e *encoder) stmt(s *syntax.Stmt, parent int, role string) {
	if s == nil {
		return
	}
	i := e.add("Stmt", s.Pos(), s.End(), parent, role, flags("negated", s.Negated, "background", s.Background, "coprocess", s.Coprocess))
	for c := range s.Comments {
		e.add("Comment", s.Comments[c].Pos(), s.Comments[c].End(), i, "comment", "")
	}
	if s.Cmd != nil {
		e.command(s.Cmd, i)
	}
	for _, r := range s.Redirs {
		e.redirect(r, i)
	}
}

func (e *encoder) redirect(r *syntax.Redirect, parent int) {
	i := e.add("Redirect", r.Pos(), r.End(), parent, "redir", r.Op.String())
	if r.N != nil {
		e.lit(r.N, i, "op-n")
	}
	e.word(r.Word, i, "word")
	if r.Hdoc != nil {
		e.word(r.Hdoc, i, "hdoc")
	}
}

func (e *encoder) lit(l *syntax.Lit, parent int, role string) {
	if l == nil {
		return
	}
	e.add("Lit", l.Pos(), l.End(), parent, role, "")
}

func (e *encoder) words(words []*syntax.Word, parent int, role string) {
	for _, w := range words {
		e.word(w, parent, role)
	}
}

func (e *encoder) word(w *syntax.Word, parent int, role string) {
	if w == nil || len(w.Parts) == 0 {
		return
	}
	i := e.add("Word", w.Pos(), w.End(), parent, role, "")
	e.parts(w.Parts, i)
}

func (e *encoder) parts(parts []syntax.WordPart, parent int) {
	for _, part := range parts {
		switch x := part.(type) {
		case *syntax.Lit:
			e.lit(x, parent, "part")
		case *syntax.SglQuoted:
			e.add("SglQuoted", x.Pos(), x.End(), parent, "part", flags("dollar", x.Dollar))
		case *syntax.DblQuoted:
			i := e.add("DblQuoted", x.Pos(), x.End(), parent, "part", flags("dollar", x.Dollar))
			e.parts(x.Parts, i)
		case *syntax.ParamExp:
			e.param(x, parent)
		case *syntax.CmdSubst:
			i := e.add("CmdSubst", x.Pos(), x.End(), parent, "part", flags("backquotes", x.Backquotes, "tempfile", x.TempFile, "replyvar", x.ReplyVar))
			e.stmts(x.Stmts, x.Last, i, "stmt")
		case *syntax.ArithmExp:
			i := e.add("ArithmExp", x.Pos(), x.End(), parent, "part", flags("bracket", x.Bracket))
			e.arithm(x.X, i, "x")
		case *syntax.ProcSubst:
			i := e.add("ProcSubst", x.Pos(), x.End(), parent, "part", x.Op.String())
			e.stmts(x.Stmts, x.Last, i, "stmt")
		case *syntax.ExtGlob:
			i := e.add("ExtGlob", x.Pos(), x.End(), parent, "part", x.Op.String())
			e.lit(x.Pattern, i, "pattern")
		case *syntax.BraceExp:
			i := e.add("BraceExp", x.Pos(), x.End(), parent, "part", flags("sequence", x.Sequence))
			e.words(x.Elems, i, "elem")
		}
	}
}

func (e *encoder) param(x *syntax.ParamExp, parent int) {
	extra := flags("short", x.Short, "excl", x.Excl, "length", x.Length, "width", x.Width)
	if x.Exp != nil {
		extra += ";" + x.Exp.Op.String()
	}
	i := e.add("ParamExp", x.Pos(), x.End(), parent, "part", extra)
	e.lit(x.Param, i, "param")
	if x.Index != nil {
		e.arithm(x.Index, i, "index")
	}
	if x.Slice != nil {
		if x.Slice.Offset != nil {
			e.arithm(x.Slice.Offset, i, "slice-offset")
		}
		if x.Slice.Length != nil {
			e.arithm(x.Slice.Length, i, "slice-length")
		}
	}
	if x.Repl != nil {
		e.word(x.Repl.Orig, i, "repl-orig")
		e.word(x.Repl.With, i, "repl-with")
	}
	if x.Exp != nil {
		e.word(x.Exp.Word, i, "exp")
	}
}

func (e *encoder) arithm(a syntax.ArithmExpr, parent int, role string) {
	switch x := a.(type) {
	case *syntax.Word:
		e.word(x, parent, role)
	case *syntax.BinaryArithm:
		i := e.add("BinaryArithm", x.Pos(), x.End(), parent, role, x.Op.String())
		e.arithm(x.X, i, "x")
		e.arithm(x.Y, i, "y")
	case *syntax.UnaryArithm:
		i := e.add("UnaryArithm", x.Pos(), x.End(), parent, role, x.Op.String())
		e.arithm(x.X, i, "x")
	case *syntax.ParenArithm:
		i := e.add("ParenArithm", x.Pos(), x.End(), parent, role, "")
		e.arithm(x.X, i, "x")
	}
}

func (e *encoder) test(t syntax.TestExpr, parent int, role string) {
	switch x := t.(type) {
	case *syntax.Word:
		e.word(x, parent, role)
	case *syntax.BinaryTest:
		i := e.add("BinaryTest", x.Pos(), x.End(), parent, role, x.Op.String())
		e.test(x.X, i, "x")
		e.test(x.Y, i, "y")
	case *syntax.UnaryTest:
		i := e.add("UnaryTest", x.Pos(), x.End(), parent, role, x.Op.String())
		e.test(x.X, i, "x")
	case *syntax.ParenTest:
		i := e.add("ParenTest", x.Pos(), x.End(), parent, role, "")
		e.test(x.X, i, "x")
	}
}

func (e *encoder) assign(a *syntax.Assign, parent int, role string) {
	i := e.add("Assign", a.Pos(), a.End(), parent, role, flags("append", a.Append, "naked", a.Naked))
	e.lit(a.Name, i, "name")
	if a.Index != nil {
		e.arithm(a.Index, i, "index")
	}
	e.word(a.Value, i, "value")
	if a.Array != nil {
		j := e.add("ArrayExpr", a.Array.Pos(), a.Array.End(), i, "array", "")
		for _, el := range a.Array.Elems {
			k := e.add("ArrayElem", el.Pos(), el.End(), j, "elem", "")
			if el.Index != nil {
				e.arithm(el.Index, k, "index")
			}
			e.word(el.Value, k, "value")
		}
	}
}

func (e *encoder) command(c syntax.Command, parent int) {
	switch x := c.(type) {
	case *syntax.CallExpr:
		i := e.add("CallExpr", x.Pos(), x.End(), parent, "cmd", "")
		for _, a := range x.Assigns {
			e.assign(a, i, "assign")
		}
		e.words(x.Args, i, "arg")
	case *syntax.BinaryCmd:
		i := e.add("BinaryCmd", x.Pos(), x.End(), parent, "cmd", x.Op.String())
		e.stmt(x.X, i, "x")
		e.stmt(x.Y, i, "y")
	case *syntax.Subshell:
		i := e.add("Subshell", x.Pos(), x.End(), parent, "cmd", "")
		e.stmts(x.Stmts, x.Last, i, "stmt")
	case *syntax.Block:
		i := e.add("Block", x.Pos(), x.End(), parent, "cmd", "")
		e.stmts(x.Stmts, x.Last, i, "stmt")
	case *syntax.IfClause:
		e.ifClause(x, parent, "cmd")
	case *syntax.WhileClause:
		i := e.add("WhileClause", x.Pos(), x.End(), parent, "cmd", flags("until", x.Until))
		e.stmts(x.Cond, x.CondLast, i, "cond")
		e.stmts(x.Do, x.DoLast, i, "do")
	case *syntax.ForClause:
		i := e.add("ForClause", x.Pos(), x.End(), parent, "cmd", flags("select", x.Select))
		switch l := x.Loop.(type) {
		case *syntax.WordIter:
			j := e.add("WordIter", l.Pos(), l.End(), i, "loop", "")
			e.lit(l.Name, j, "name")
			e.words(l.Items, j, "item")
		case *syntax.CStyleLoop:
			j := e.add("CStyleLoop", l.Pos(), l.End(), i, "loop", "")
			if l.Init != nil {
				e.arithm(l.Init, j, "init")
			}
			if l.Cond != nil {
				e.arithm(l.Cond, j, "cond")
			}
			if l.Post != nil {
				e.arithm(l.Post, j, "post")
			}
		}
		e.stmts(x.Do, x.DoLast, i, "do")
	case *syntax.CaseClause:
		i := e.add("CaseClause", x.Pos(), x.End(), parent, "cmd", "")
		e.word(x.Word, i, "word")
		for _, item := range x.Items {
			j := e.add("CaseItem", item.Pos(), item.End(), i, "item", item.Op.String())
			e.words(item.Patterns, j, "pattern")
			e.stmts(item.Stmts, item.Last, j, "stmt")
		}
	case *syntax.FuncDecl:
		i := e.add("FuncDecl", x.Pos(), x.End(), parent, "cmd", "")
		e.lit(x.Name, i, "name")
		e.stmt(x.Body, i, "body")
	case *syntax.ArithmCmd:
		i := e.add("ArithmCmd", x.Pos(), x.End(), parent, "cmd", "")
		e.arithm(x.X, i, "x")
	case *syntax.TestClause:
		i := e.add("TestClause", x.Pos(), x.End(), parent, "cmd", "")
		e.test(x.X, i, "x")
	case *syntax.DeclClause:
		i := e.add("DeclClause", x.Pos(), x.End(), parent, "cmd", x.Variant.Value)
		e.lit(x.Variant, i, "variant")
		for _, a := range x.Args {
			e.assign(a, i, "assign")
		}
	case *syntax.LetClause:
		i := e.add("LetClause", x.Pos(), x.End(), parent, "cmd", "")
		for _, expr := range x.Exprs {
			e.arithm(expr, i, "expr")
		}
	case *syntax.TimeClause:
		i := e.add("TimeClause", x.Pos(), x.End(), parent, "cmd", "")
		e.stmt(x.Stmt, i, "stmt")
	case *syntax.CoprocClause:
		i := e.add("CoprocClause", x.Pos(), x.End(), parent, "cmd", "")
		e.word(x.Name, i, "name")
		e.stmt(x.Stmt, i, "stmt")
	case *syntax.TestDecl:
		i := e.add("TestDecl", x.Pos(), x.End(), parent, "cmd", "")
		e.word(x.Description, i, "description")
		e.stmt(x.Body, i, "body")
	}
}

func (e *encoder) ifClause(x *syntax.IfClause, parent int, role string) {
	i := e.add("IfClause", x.Pos(), x.End(), parent, role, "")
	e.stmts(x.Cond, x.CondLast, i, "cond")
	e.stmts(x.Then, x.ThenLast, i, "then")
	if x.Else != nil {
		e.ifClause(x.Else, i, "else")
	}
}

func newEncoder() *encoder {
	e := &encoder{index: map[string]int{}, kind: map[string]int{}, role: map[string]int{}}
	for i, k := range kinds {
		e.kind[k] = i
	}
	for i, r := range roles {
		e.role[r] = i
	}
	return e
}

type result struct {
	N []int         `json:"n,omitempty"`
	S []string      `json:"s,omitempty"`
	E []interface{} `json:"e,omitempty"`
}

var parsers = map[syntax.LangVariant]*syntax.Parser{}

func parseOne(text string, variant syntax.LangVariant) result {
	parser := parsers[variant]
	if parser == nil {
		parser = syntax.NewParser(syntax.KeepComments(true), syntax.Variant(variant))
		parsers[variant] = parser
	}
	file, err := parser.Parse(strings.NewReader(text), "")
	if err != nil {
		switch x := err.(type) {
		case syntax.ParseError:
			return result{E: []interface{}{x.Pos.Offset(), x.Pos.Line(), x.Pos.Col(), x.Text, x.Incomplete}}
		case syntax.LangError:
			return result{E: []interface{}{x.Pos.Offset(), x.Pos.Line(), x.Pos.Col(), x.Error(), false}}
		default:
			return result{E: []interface{}{0, 1, 1, err.Error(), false}}
		}
	}
	e := newEncoder()
	root := e.add("File", file.Pos(), file.End(), -1, "", "")
	e.stmts(file.Stmts, file.Last, root, "stmt")
	// The File node spans the whole text (a file of only comments has no position of its own).
	e.nodes[1] = 0
	e.nodes[2] = len(text)
	return result{N: e.nodes, S: e.strings}
}

func main() {
	parse := js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		texts := args[0]
		variant := syntax.LangBash
		if len(args) > 1 && args[1].String() == "posix" {
			variant = syntax.LangPOSIX
		}
		buf := make([]byte, 0, 4096)
		buf = append(buf, '[')
		for i, n := 0, texts.Length(); i < n; i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendResult(buf, parseOne(texts.Index(i).String(), variant))
		}
		buf = append(buf, ']')
		return js.ValueOf(string(buf))
	})
	kindList := make([]interface{}, len(kinds))
	for i, k := range kinds {
		kindList[i] = k
	}
	roleList := make([]interface{}, len(roles))
	for i, r := range roles {
		roleList[i] = r
	}
	js.Global().Set("__runbookShellParser", js.ValueOf(map[string]interface{}{
		"kinds": kindList,
		"roles": roleList,
		"parse": parse,
	}))
	select {}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// appendResult writes a result as JSON by hand: encoding/json's reflection is most of the cost in WebAssembly.
func appendResult(buf []byte, r result) []byte {
	if r.E != nil {
		buf = append(buf, `{"e":[`...)
		for i, v := range r.E {
			if i > 0 {
				buf = append(buf, ',')
			}
			switch x := v.(type) {
			case uint:
				buf = strconv.AppendUint(buf, uint64(x), 10)
			case int:
				buf = strconv.AppendInt(buf, int64(x), 10)
			case string:
				buf = append(buf, jsonString(x)...)
			case bool:
				buf = strconv.AppendBool(buf, x)
			}
		}
		return append(buf, `]}`...)
	}
	buf = append(buf, `{"n":[`...)
	for i, v := range r.N {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(v), 10)
	}
	buf = append(buf, `],"s":[`...)
	for i, s := range r.S {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, jsonString(s)...)
	}
	return append(buf, `]}`...)
}
