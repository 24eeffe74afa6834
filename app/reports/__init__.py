"""Award documents (hồ sơ đề nghị khen thưởng) as PDF and .docx; plain objects in, files out.

- ``dossier``: the inputs — ``AwardDossier`` (campaign, ``DocumentSettings``, the ``Ranking``,
  ``UnitProfile`` per unit code, ``Nomination``s, the period), ``dossier_from_records`` (from the
  storage layer's records), ``check_ready`` / ``DossierNotReadyError``.
- ``build.build_documents(dossier, kinds, out_dir, formats)`` for kinds ``to-trinh``, ``bien-ban``,
  ``bao-cao``, ``bang-diem``, ``giay-khen``, ``all`` and formats ``pdf``, ``docx``, ``both``.
- ``model``: one plain description of a document; ``pdf.render_pdf`` (ReportLab) and
  ``word.render_docx`` (python-docx) draw it. Each document module has ``describe(...)``.
- ``command``: the headless ``report`` command's arguments and body, given a dossier loader.
- ``settings``: ``DocumentSettings`` and ``Signer`` (stored as JSON with the campaign).
- ``words``: money and dates in Vietnamese words.
- ``layout``: the Nghị định 30/2020 look in ReportLab (fonts, styles, header, signatures); one
  module per document: ``to_trinh``, ``bien_ban``, ``bao_cao``, ``bang_diem``, ``giay_khen`` (the
  certificates: each line placed on the page, drawn on a canvas or in Word frames).
- After the council: ``awards`` (each award with its prize and số sổ vàng, one list for the
  three documents), ``quyet_dinh`` (kind ``quyet-dinh``), ``giay_khen`` (full print or overlay
  with per-field offsets; ``giay_khen_word`` the same lines in Word), ``tien_thuong`` (``tien-thuong``), ``tong_ket``
  (``tong-ket``: sơ kết / tổng kết against the earlier periods).

No Qt, no SQLAlchemy: ReportLab and python-docx are imported only by the modules that draw.
"""
