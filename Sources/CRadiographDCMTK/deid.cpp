// De-identification through DCMTK's dcmdata: see include/CRadiographDCMTK.h (MARK: De-identification).
//
// This file holds the mechanics only: one walk over the data set and every sequence item, applying
// rules the caller resolved from PS3.15 Table E.1-1. Which attribute gets which action, and every
// computed value (new UIDs, shifted dates, cleaned descriptors), is decided by the caller
// (RadiographDICOM's Deidentifier) between the two passes.
#include "dcmtk/config/osconfig.h"

#include "CRadiographDCMTK.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcitem.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcvr.h"
#include "dcmtk/dcmdata/dcxfer.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "shim_internal.h"

namespace {

uint32_t packed(const DcmTagKey &key) {
    return static_cast<uint32_t>(key.getGroup()) << 16 | key.getElement();
}

/// The dummy value of a VR, or null for a zero-length value.
const char *dummyFor(DcmEVR vr) {
    switch (vr) {
    case EVR_DA: return "19000101";
    case EVR_TM: return "000000";
    case EVR_DT: return "19000101000000";
    case EVR_AS: return "000D";
    case EVR_IS: case EVR_DS: case EVR_US: case EVR_SS: case EVR_UL: case EVR_SL: case EVR_FL: case EVR_FD:
    case EVR_UV: case EVR_SV: case EVR_AT:
        return vr == EVR_AT ? nullptr : "0";
    case EVR_AE: case EVR_CS: case EVR_LO: case EVR_LT: case EVR_PN: case EVR_SH: case EVR_ST: case EVR_UC:
    case EVR_UT:
        return "ANONYMIZED";
    default: return nullptr;  // UI (a dummy UID would be a fake identity), OB, OW, UN, UR, SQ, …
    }
}

/// One walk, in one of two modes. Both modes take the same decisions in the same order, so the
/// i-th REPLACE element met by `collect` is the i-th met by `apply`.
class Walker {
public:
    Walker(const rgd_deid_rule *rules, size_t count) : rules_(rules), count_(count) {}

    // Collect mode.
    std::vector<rgd_deid_record> records;
    std::string text;

    // Apply mode.
    const rgd_deid_value *values = nullptr;
    size_t valueCount = 0;
    size_t used = 0;
    bool failed = false;
    std::string error;

    void walk(DcmItem *item, bool apply) {
        unsigned long i = 0;
        while (i < item->card()) {
            DcmElement *e = item->getElement(i);
            if (e == nullptr) {
                ++i;
                continue;
            }
            const DcmTagKey key = e->getTag();
            if (key.getGroup() & 1) {  // private (and the illegal odd groups 0001-0007)
                if (apply) {
                    delete item->remove(i);
                    continue;
                }
                ++i;
                continue;
            }
            const long rule = match(packed(key));
            const bool isSequence = e->ident() == EVR_SQ;
            const rgd_deid_action action =
                rule < 0 ? RGD_DEID_KEEP : (isSequence ? rules_[rule].sequence_action : rules_[rule].action);
            switch (action) {
            case RGD_DEID_KEEP:
                if (isSequence) walkItems(static_cast<DcmSequenceOfItems *>(e), apply);
                ++i;
                break;
            case RGD_DEID_REMOVE:
                if (apply) {
                    delete item->remove(i);
                } else {
                    ++i;
                }
                break;
            case RGD_DEID_REMOVE_GROUP:
                // The group's elements before this one were walked already (in both modes); the
                // ones after it are gone, so neither mode walks them.
                if (apply) {
                    i = removeGroup(item, key.getGroup(), i);
                } else {
                    while (i < item->card() && item->getElement(i) != nullptr &&
                           item->getElement(i)->getTag().getGroup() == key.getGroup())
                        ++i;
                }
                break;
            case RGD_DEID_EMPTY:
                if (apply) e->clear();
                ++i;
                break;
            case RGD_DEID_DUMMY:
                if (apply) setDummy(e);
                ++i;
                break;
            case RGD_DEID_REPLACE:
                if (isSequence) {  // a caller's value cannot replace items: walk them instead
                    walkItems(static_cast<DcmSequenceOfItems *>(e), apply);
                    ++i;
                    break;
                }
                if (apply) {
                    if (replace(item, i, e)) ++i;
                } else {
                    record(e, static_cast<uint32_t>(rule));
                    ++i;
                }
                break;
            default:
                ++i;
            }
            if (failed) return;
        }
    }

private:
    const rgd_deid_rule *rules_;
    size_t count_;

    long match(uint32_t tag) const {
        for (size_t r = 0; r < count_; ++r)
            if ((tag & rules_[r].mask) == (rules_[r].tag & rules_[r].mask)) return static_cast<long>(r);
        return -1;
    }

    void walkItems(DcmSequenceOfItems *sequence, bool apply) {
        for (unsigned long k = 0; k < sequence->card() && !failed; ++k) {
            DcmItem *child = sequence->getItem(k);
            if (child != nullptr) walk(child, apply);
        }
    }

    /// Removes every element of `group`; returns where the walk goes on (`index` less the
    /// elements removed before it).
    static unsigned long removeGroup(DcmItem *item, Uint16 group, unsigned long index) {
        for (unsigned long k = item->card(); k > 0; --k) {
            DcmElement *e = item->getElement(k - 1);
            if (e != nullptr && e->getTag().getGroup() == group) {
                delete item->remove(k - 1);
                if (k - 1 < index) --index;
            }
        }
        return index;
    }

    static void setDummy(DcmElement *e) {
        const char *dummy = dummyFor(e->getVR());
        if (dummy == nullptr || e->putString(dummy).bad()) e->clear();
    }

    void record(DcmElement *e, uint32_t rule) {
        OFString value;
        if (e->getLength() > 0 && e->getOFStringArray(value, OFFalse).bad()) value.clear();
        rgd_deid_record r{};
        r.tag = packed(e->getTag());
        r.rule = rule;
        const char *name = DcmVR(e->getVR()).getVRName();
        std::strncpy(r.vr, name != nullptr ? name : "UN", sizeof r.vr - 1);
        r.offset = text.size();
        r.length = value.length();
        text.append(value.c_str(), value.length());
        records.push_back(r);
    }

    /// Applies the caller's value; false when the element was removed (the index stays).
    bool replace(DcmItem *item, unsigned long index, DcmElement *e) {
        if (used >= valueCount) {
            failed = true;
            error = "more elements to replace than values given";
            return true;
        }
        const rgd_deid_value &v = values[used++];
        switch (v.outcome) {
        case RGD_DEID_SET:
            if (v.value == nullptr || e->putString(v.value).bad()) e->clear();
            return true;
        case RGD_DEID_SET_EMPTY:
            e->clear();
            return true;
        case RGD_DEID_SET_REMOVE:
            delete item->remove(index);
            return false;
        case RGD_DEID_SET_DUMMY:
            setDummy(e);
            return true;
        case RGD_DEID_SET_KEEP:
            return true;
        }
        e->clear();
        return true;
    }
};

}  // namespace

extern "C" rgd_status rgd_deid_collect(const rgd_dataset *dataset, const rgd_deid_rule *rules, size_t rule_count,
                                       rgd_deid_record **records, size_t *record_count, char **text, char *message,
                                       size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (dataset == nullptr || (rules == nullptr && rule_count > 0) || records == nullptr ||
            record_count == nullptr || text == nullptr)
            return RGD_BAD_ARGUMENT;
        Walker walker(rules, rule_count);
        walker.walk(rgd_file_of(dataset)->getDataset(), false);
        const size_t n = walker.records.size();
        auto *outRecords = static_cast<rgd_deid_record *>(std::malloc(n > 0 ? n * sizeof(rgd_deid_record) : 1));
        auto *outText = static_cast<char *>(std::malloc(walker.text.size() + 1));
        if (outRecords == nullptr || outText == nullptr) {
            std::free(outRecords);
            std::free(outText);
            rgd_set_message(message, capacity, "out of memory");
            return RGD_INTERNAL;
        }
        if (n > 0) std::memcpy(outRecords, walker.records.data(), n * sizeof(rgd_deid_record));
        std::memcpy(outText, walker.text.data(), walker.text.size());
        outText[walker.text.size()] = '\0';
        *records = outRecords;
        *record_count = n;
        *text = outText;
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_deid_apply(rgd_dataset *dataset, const rgd_deid_rule *rules, size_t rule_count,
                                     const rgd_deid_value *values, size_t value_count, char *message,
                                     size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (dataset == nullptr || (rules == nullptr && rule_count > 0) || (values == nullptr && value_count > 0))
            return RGD_BAD_ARGUMENT;
        Walker walker(rules, rule_count);
        walker.values = values;
        walker.valueCount = value_count;
        walker.walk(rgd_file_of(dataset)->getDataset(), true);
        if (!walker.failed && walker.used != value_count) {
            walker.failed = true;
            walker.error = "fewer elements to replace than values given";
        }
        if (walker.failed) {
            rgd_set_message(message, capacity, walker.error);
            return RGD_BAD_ARGUMENT;
        }
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_deid_set_string(rgd_dataset *dataset, const uint32_t *path, size_t length, const char *value,
                                          char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (dataset == nullptr || value == nullptr) return RGD_BAD_ARGUMENT;
        DcmItem *item = rgd_item_creating(rgd_file_of(dataset)->getDataset(), path, length);
        if (item == nullptr) return RGD_BAD_ARGUMENT;
        OFCondition cond = item->putAndInsertString(rgd_tag_key(path[length - 1]), value);
        if (cond.bad()) {
            rgd_set_message(message, capacity, cond.text());
            return RGD_BAD_ARGUMENT;
        }
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_deid_encode(rgd_dataset *dataset, uint8_t **out, size_t *size, char *message,
                                      size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (dataset == nullptr || out == nullptr || size == nullptr) return RGD_BAD_ARGUMENT;
        DcmFileFormat *file = rgd_file_of(dataset);
        DcmDataset *ds = file->getDataset();
        E_TransferSyntax xfer = ds->getOriginalXfer();
        if (xfer == EXS_Unknown) xfer = EXS_LittleEndianExplicit;
        if (!ds->canWriteXfer(xfer)) {
            rgd_set_message(message, capacity,
                            std::string("cannot write the transfer syntax it was read in: ") + DcmXfer(xfer).getXferName());
            return RGD_INTERNAL;
        }
        return rgd_save_to_memory(*file, xfer, out, size, message, capacity);
    });
}
