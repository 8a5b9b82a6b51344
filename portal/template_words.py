"""Templates compiled once per locale, with their fixed words already translated.

``{{ _("Fees") }}`` asks the translations for the same words on every render, through a call Jinja makes
with its context: the sheet makes 80 of them, a fifth of its render. Yet the answer depends only on the
locale in effect. So each template is compiled once per locale (``Environment`` keys its cache by it), and
in that compilation ``_("…")`` or ``gettext("…")`` whose only argument is a literal string becomes the
translated literal (``fixed_words``, marked safe where the template escapes, as the call's answer was):
Jinja folds it into the page's fixed text. A call with variables, ``ngettext`` and everything else stay as
they are. Outside any application context (no locale), templates compile as written.

The templates' source is unchanged, so ``pybabel extract`` reads them as before. One difference with the call:
Jinja joins constants with ``~`` as plain text, so ``_("a") ~ "b"`` is escaped whole; no translation holds
markup (the catalogues have none), so a reader sees the same words.
"""
import weakref

import flask.templating
import flask_babel
from jinja2.ext import Extension
from jinja2.lexer import TOKEN_DOT, TOKEN_LPAREN, TOKEN_NAME, TOKEN_PIPE, TOKEN_RPAREN, TOKEN_STRING, Token
from jinja2.utils import internalcode, pass_eval_context
from markupsafe import Markup

GETTEXT = {"_", "gettext"}  # the names portal.i18n gives template_gettext in the templates
FILTER = "fixed_words"


def compiled_locale():
    """The locale whose words a template compiled now holds (None outside an application context)."""
    locale = flask_babel.get_locale()
    return None if locale is None else str(locale)


class Environment(flask.templating.Environment):
    """Flask's environment, with one compilation of each template per locale."""

    @internalcode
    def _load_template(self, name, globals):
        # Jinja's own, with the locale in the cache's key (Jinja 3.1 keys it by loader and name only).
        if self.loader is None:
            raise TypeError("no loader for this environment specified")
        key = (weakref.ref(self.loader), name, compiled_locale())
        template = self.cache.get(key) if self.cache is not None else None
        if template is not None and (not self.auto_reload or template.is_up_to_date):
            if globals:
                template.globals.update(globals)
            return template
        template = self.loader.load(self, name, self.make_globals(globals))
        if self.cache is not None:
            self.cache[key] = template
        return template


@pass_eval_context
def fixed_words(eval_context, words):
    """A translated literal as ``template_gettext`` gives it: safe where the template escapes."""
    return Markup(words) if eval_context.autoescape else words


class FixedWords(Extension):
    """Rewrites ``_("…" "…")`` into ``("translated"|fixed_words)`` in the tokens of a template being compiled.

    A template that binds ``_`` or ``gettext`` itself (``set``, ``with``, ``for``, a macro's parameter or name,
    an import) is compiled as written: its calls may not be the catalogue's. So is a call whose words are not a
    format string without variables (a stray ``%``): it fails as before, when and if it runs."""

    def filter_stream(self, stream):
        tokens = list(stream)
        if compiled_locale() is None or binds_gettext(tokens):
            return tokens
        translations = flask_babel.get_translations()  # those template_gettext reads (portal.i18n)
        out, index = [], 0
        while index < len(tokens):
            token = tokens[index]
            literal = literal_call(tokens, index)
            if literal is not None:
                words, end = literal
                try:
                    words = translations.ugettext(words) % {}  # always a format string, as template_gettext's
                except (KeyError, ValueError, TypeError):
                    literal = None
            if literal is None:
                out.append(token)
                index += 1
                continue
            line = token.lineno
            out += [Token(line, TOKEN_LPAREN, "("), Token(line, TOKEN_STRING, words), Token(line, TOKEN_PIPE, "|"),
                    Token(line, TOKEN_NAME, FILTER), Token(line, TOKEN_RPAREN, ")")]
            index = end + 1
        return out


def gettext_name(tokens, index):
    """Whether the name at ``index`` is ``_`` or ``gettext`` as a variable: not an attribute (``x._``), a
    filter (``x|_``) or a test (``x is _``)."""
    token, before = tokens[index], tokens[index - 1] if index else None
    return (token.type == TOKEN_NAME and token.value in GETTEXT
            and not (before is not None and (before.type in (TOKEN_DOT, TOKEN_PIPE)
                                             or (before.type == TOKEN_NAME and before.value == "is"))))


def binds_gettext(tokens):
    """Whether the template names ``_`` or ``gettext`` other than to call them: it binds them itself."""
    for index in range(len(tokens)):
        if gettext_name(tokens, index):
            called = index + 1 < len(tokens) and tokens[index + 1].type == TOKEN_LPAREN
            defined = index and tokens[index - 1].type == TOKEN_NAME and tokens[index - 1].value == "macro"
            if not called or defined:
                return True
    return False


def literal_call(tokens, index):
    """``(words, index of the closing parenthesis)`` if a gettext call on literal strings alone starts here
    (``{% call _(…) %}`` calls it as a macro: not one)."""
    if not gettext_name(tokens, index) or index + 1 >= len(tokens) or tokens[index + 1].type != TOKEN_LPAREN:
        return None
    if index and tokens[index - 1].type == TOKEN_NAME and tokens[index - 1].value == "call":
        return None
    end, parts = index + 2, []
    while end < len(tokens) and tokens[end].type == TOKEN_STRING:  # Jinja joins adjacent literals
        parts.append(tokens[end].value)
        end += 1
    if not parts or end >= len(tokens) or tokens[end].type != TOKEN_RPAREN:
        return None
    return "".join(parts), end


def install(app):
    """Before anything creates ``app.jinja_env``."""
    assert "jinja_env" not in app.__dict__, "the template environment was created before its class was set"
    app.jinja_environment = Environment
    # Each template once per locale, and per language ``force_locale`` names: room for all of them.
    app.jinja_options = {**app.jinja_options, "cache_size": 2000}
    app.jinja_env.add_extension(FixedWords)
    app.jinja_env.filters[FILTER] = fixed_words
