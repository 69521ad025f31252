"""Names in e-mail and news headers: display names by format, Organization values by the model,
field names never (written for these rules, in the styles of Usenet, mail clients and mailing lists)."""

from __future__ import annotations

import pytest

from pipeline.entities.gazetteer import Gazetteer
from pipeline.entities.headers import header_names, model_view
from pipeline.entities.params import EntitiesParams
from pipeline.entities.stage import run_entities
from tests.entities_inputs import from_texts


@pytest.mark.parametrize("line,name", [
    ("From: jdoe@cs.example.edu (Jane Doe)", "Jane Doe"),
    ('From: "Ana M. Ortiz" <ana@example.org>', "Ana M. Ortiz"),
    ("From: Pieter van Dam <pieter@example.nl>", None),              # a lower-case particle: not by format
    ("Reply-To: kwong@example.com (Kelvin O'Neill, Editor)", "Kelvin O'Neill"),
    ("In article <1993Apr2.1@x.edu>, bob@x.edu (Bob Smith) writes:", "Bob Smith"),
    ("> mk@host.example.com (Maria Kowalska) wrote:", "Maria Kowalska"),
    ("From: sysop@bbs.example.com (sysop 3)", None),
    ("From: root@localhost (Cron Daemon 2)", None),
    ("Subject: Re: Mary Jones (RIP)", None),
])
def test_display_names_by_format(line, name):
    got = [line[a:b] for a, b, _ in header_names(line)]
    assert got == ([name] if name else [])


def test_the_model_sees_only_the_organization_values():
    block = "From: jdoe@x.edu (Jane Doe)\nOrganization: Acme Labs, Springfield\nLines: 12\nUUCP: x!y\n"
    view = model_view(block)
    assert len(view) == len(block) and view.split() == ["Acme", "Labs,", "Springfield"]


def test_a_header_block_gives_its_author_and_organisation_and_no_field_names():
    header = ("From: jdoe@cs.example.edu (Jane Doe)\nSubject: Re: brakes\nOrganization: Stanford University\n"
              "Lines: 19\nNNTP-Posting-Host: cs.example.edu\n")
    body = "In article <1@x.edu>, bob@x.edu (Bob Smith) writes:\nThe dealer in Boston fixed it for free.\n"
    inputs = from_texts({"post.txt": header + "\n" + body})
    first = inputs.clean_passages["passage_id"].iloc[0]
    clean = inputs.clean_passages.copy()
    clean["boilerplate_rule"] = None
    clean.loc[clean["passage_id"] == first, ["is_boilerplate", "boilerplate_rule"]] = [True, "mail_header"]
    out = run_entities(clean, inputs.sentences, inputs.dedup_passages, EntitiesParams(gazetteer=None), Gazetteer(),
                       inputs.raw_span)
    found = set(zip(out["mentions"]["text"], out["mentions"]["label"]))
    assert ("Jane Doe", "PERSON") in found and ("Bob Smith", "PERSON") in found
    assert any(t == "Stanford University" for t, _ in found)
    assert not {t for t, _ in found} & {"Lines", "Subject", "NNTP-Posting-Host", "Organization", "From"}


@pytest.mark.parametrize("text,word,inside", [
    ("|_____/ silver@bokonon.UUCP    ...!{uunet|becker}", "UUCP", True),
    ("In <1993Apr03.1.6627@omen.UUCP> caf@omen.UUCP (Chuck Forsberg) writes:", "UUCP", True),
    ("Mark Walsh (walsh@optilink) -- UUCP: uunet!optilink!walsh", "UUCP", True),
    ("see http://www.Acme.org/news for more", "Acme", True),
    ("Mark Walsh (walsh@optilink) -- UUCP: uunet!optilink!walsh", "Mark Walsh", False),
    ("Amazon.com said sales rose in Boston.", "Amazon.com", False),
    ("Amazon.com said sales rose in Boston.", "Boston", False),
])
def test_a_name_inside_an_address_is_no_name(text, word, inside):
    from pipeline.entities.refine import in_address

    i = text.index(word)
    assert in_address(text, i, i + len(word)) is inside


def test_an_organization_field_written_as_a_sentence_is_not_read():
    block = "From: a@b.edu (Ann Lee)\nOrganization: Privately owned and operated UUCP site.\nLines: 3\n"
    assert model_view(block).split() == []
    named = "From: a@b.edu (Ann Lee)\nOrganization: University of Illinois at Urbana\nLines: 3\n"
    assert model_view(named).split() == ["University", "of", "Illinois", "at", "Urbana"]
