"""Use cases of a class conversation (bijlage 7): start, record, agree, end; and its reads.

A class conversation belongs to a class and a school year, not to one case;
the cases of that class show its agreements. Every write is one transaction
in ``store.class_talks``; this module is the one way screens reach them.
"""

from __future__ import annotations

from pestcli.store.class_talks import (
    CLASS_GUIDE,
    ClassAgreementView,
    ClassTalkDetail,
    add_class_agreement,
    agreements_of_case_class,
    check_class_name,
    class_agreements,
    class_conversation_detail,
    end_class_conversation,
    known_classes,
    record_class_item_state,
    start_class_conversation,
    unfinished_class_conversation,
)

__all__ = (
    "CLASS_GUIDE", "ClassAgreementView", "ClassTalkDetail", "add_class_agreement", "agreements_of_case_class",
    "check_class_name", "class_agreements", "class_conversation_detail", "end_class_conversation",
    "known_classes", "record_class_item_state", "start_class_conversation", "unfinished_class_conversation",
)
