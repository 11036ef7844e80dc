// Grayscale Softcopy Presentation States through DCMTK's dcmpstat: see include/CRadiographDCMTK.h
// (MARK: Presentation states). Nothing is hand-encoded: DcmPresentationState builds, writes and
// reads every module; this file only maps its objects to and from the plain C structs.
#include "dcmtk/config/osconfig.h"

#include "CRadiographDCMTK.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmpstat/dcmpstat.h"
#include "dcmtk/dcmpstat/dvpsda.h"
#include "dcmtk/dcmpstat/dvpsdal.h"
#include "dcmtk/dcmpstat/dvpsgal.h"
#include "dcmtk/dcmpstat/dvpsgl.h"
#include "dcmtk/dcmpstat/dvpsgll.h"
#include "dcmtk/dcmpstat/dvpsgr.h"
#include "dcmtk/dcmpstat/dvpssv.h"
#include "dcmtk/dcmpstat/dvpssvl.h"
#include "dcmtk/dcmpstat/dvpstx.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "shim_internal.h"

namespace {

/// DcmPresentationState with its module lists reachable. DVPresentationState's editing calls
/// (setVOIWindow, addGraphicObject, …) need an attached, decoded DicomImage only to learn the
/// image's UIDs; the lists they forward to take those UIDs directly, so no pixel is decoded and
/// images DCMTK cannot decode (JPEG 2000) can be annotated too.
class PresentationState : public DcmPresentationState {
public:
    using DcmPresentationState::displayedAreaSelectionList;
    using DcmPresentationState::graphicAnnotationList;
    using DcmPresentationState::graphicLayerList;
    using DcmPresentationState::referencedSeriesList;
    using DcmPresentationState::seriesInstanceUID;
    using DcmPresentationState::softcopyVOIList;
    using DcmPresentationState::sOPInstanceUID;
    using DcmPresentationState::specificCharacterSet;
};

bool isASCII(const char *s) {
    if (s == nullptr) return true;
    for (; *s != '\0'; ++s)
        if (static_cast<unsigned char>(*s) >= 0x80) return false;
    return true;
}

bool needsUTF8(const rgd_gsps_content &c) {
    if (!isASCII(c.content_label) || !isASCII(c.content_description) || !isASCII(c.creator_name) ||
        !isASCII(c.window_explanation))
        return true;
    for (size_t i = 0; i < c.layer_count; ++i)
        if (!isASCII(c.layers[i].name) || !isASCII(c.layers[i].description)) return true;
    for (size_t i = 0; i < c.text_count; ++i)
        if (!isASCII(c.texts[i].text)) return true;
    return false;
}

DVPSGraphicType graphicType(rgd_graphic_type t) {
    switch (t) {
    case RGD_GRAPHIC_POINT: return DVPST_point;
    case RGD_GRAPHIC_POLYLINE: return DVPST_polyline;
    case RGD_GRAPHIC_INTERPOLATED: return DVPST_interpolated;
    case RGD_GRAPHIC_CIRCLE: return DVPST_circle;
    case RGD_GRAPHIC_ELLIPSE: return DVPST_ellipse;
    }
    return DVPST_polyline;
}

rgd_graphic_type graphicType(DVPSGraphicType t) {
    switch (t) {
    case DVPST_point: return RGD_GRAPHIC_POINT;
    case DVPST_polyline: return RGD_GRAPHIC_POLYLINE;
    case DVPST_interpolated: return RGD_GRAPHIC_INTERPOLATED;
    case DVPST_circle: return RGD_GRAPHIC_CIRCLE;
    case DVPST_ellipse: return RGD_GRAPHIC_ELLIPSE;
    }
    return RGD_GRAPHIC_POLYLINE;
}

rgd_annotation_units units(DVPSannotationUnit u) { return u == DVPSA_display ? RGD_UNITS_DISPLAY : RGD_UNITS_PIXEL; }

/// How many points a graphic type takes (0: two or more).
size_t requiredPoints(rgd_graphic_type t) {
    switch (t) {
    case RGD_GRAPHIC_POINT: return 1;
    case RGD_GRAPHIC_CIRCLE: return 2;
    case RGD_GRAPHIC_ELLIPSE: return 4;
    default: return 0;
    }
}

rgd_status refuse(char *message, size_t capacity, const std::string &text) {
    rgd_set_message(message, capacity, text);
    return RGD_BAD_ARGUMENT;
}

/// Checks indices and point counts before DCMTK sees anything.
rgd_status validate(const rgd_gsps_content &c, char *message, size_t capacity) {
    if (c.sop_instance_uid == nullptr || c.series_instance_uid == nullptr || c.content_label == nullptr)
        return refuse(message, capacity, "the SOP Instance UID, Series Instance UID and Content Label are required");
    if ((c.layer_count > 0 && c.layers == nullptr) || (c.graphic_count > 0 && c.graphics == nullptr) ||
        (c.text_count > 0 && c.texts == nullptr))
        return refuse(message, capacity, "a list is null");
    for (size_t i = 0; i < c.layer_count; ++i)
        if (c.layers[i].name == nullptr || c.layers[i].name[0] == '\0')
            return refuse(message, capacity, "graphic layer " + std::to_string(i) + " has no name");
    for (size_t i = 0; i < c.graphic_count; ++i) {
        const rgd_gsps_graphic &g = c.graphics[i];
        const std::string which = "graphic object " + std::to_string(i);
        if (g.layer >= c.layer_count) return refuse(message, capacity, which + ": no such layer");
        if (g.units != RGD_UNITS_PIXEL) return refuse(message, capacity, which + ": only PIXEL units are written");
        if (g.points == nullptr || g.point_count == 0 || g.point_count > 32767)
            return refuse(message, capacity, which + ": 1 to 32767 points");
        const size_t required = requiredPoints(g.type);
        if (required != 0 ? g.point_count != required : g.point_count < 2)
            return refuse(message, capacity,
                          which + ": " + (required ? std::to_string(required) : std::string("two or more")) +
                              " points for its type, not " + std::to_string(g.point_count));
    }
    for (size_t i = 0; i < c.text_count; ++i) {
        const rgd_gsps_text &t = c.texts[i];
        const std::string which = "text object " + std::to_string(i);
        if (t.layer >= c.layer_count) return refuse(message, capacity, which + ": no such layer");
        if (t.text == nullptr || t.text[0] == '\0') return refuse(message, capacity, which + ": empty text");
        if (!t.has_bounding_box && !t.has_anchor)
            return refuse(message, capacity, which + ": needs a bounding box, an anchor point, or both");
        if ((t.has_bounding_box && t.bounding_box_units != RGD_UNITS_PIXEL) ||
            (t.has_anchor && t.anchor_units != RGD_UNITS_PIXEL))
            return refuse(message, capacity, which + ": only PIXEL units are written");
    }
    return RGD_OK;
}

/// DCMTK writes Graphic Filled for every graphic but POINT. PS3.3 C.10.5 requires it only when
/// the graphic is closed (CIRCLE, ELLIPSE, or a POLYLINE/INTERPOLATED whose first and last points
/// coincide) and allows it nowhere else, so it is removed from open polylines and curves.
void dropFilledOfOpenGraphics(DcmDataset &ds) {
    DcmSequenceOfItems *annotations = nullptr;
    if (ds.findAndGetSequence(DCM_GraphicAnnotationSequence, annotations).bad() || annotations == nullptr) return;
    for (unsigned long a = 0; a < annotations->card(); ++a) {
        DcmSequenceOfItems *objects = nullptr;
        DcmItem *annotation = annotations->getItem(a);
        if (annotation == nullptr ||
            annotation->findAndGetSequence(DCM_GraphicObjectSequence, objects).bad() || objects == nullptr)
            continue;
        for (unsigned long o = 0; o < objects->card(); ++o) {
            DcmItem *object = objects->getItem(o);
            OFString type;
            if (object == nullptr || object->findAndGetOFString(DCM_GraphicType, type).bad()) continue;
            if (type != "POLYLINE" && type != "INTERPOLATED") continue;
            const Float32 *data = nullptr;
            unsigned long count = 0;
            if (object->findAndGetFloat32Array(DCM_GraphicData, data, &count).bad() || data == nullptr || count < 4)
                continue;
            const bool closed = data[0] == data[count - 2] && data[1] == data[count - 1];
            if (!closed) object->findAndDeleteElement(DCM_GraphicFilled);
        }
    }
}

}  // namespace

extern "C" rgd_status rgd_gsps_encode(const rgd_dataset *image, const rgd_gsps_content *content, uint8_t **out,
                                      size_t *size, char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (image == nullptr || content == nullptr || out == nullptr || size == nullptr) return RGD_BAD_ARGUMENT;
        const rgd_gsps_content &c = *content;
        if (rgd_status s = validate(c, message, capacity); s != RGD_OK) return s;

        DcmDataset *source = rgd_file_of(image)->getDataset();
        OFString sopClass, sopInstance;
        source->findAndGetOFString(DCM_SOPClassUID, sopClass);
        source->findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
        if (sopClass.empty() || sopInstance.empty())
            return refuse(message, capacity, "the image has no SOP Class UID or SOP Instance UID");

        // Non-ASCII text is stored as UTF-8: the image's own strings (patient name, …) are
        // converted first, so that the presentation state copies them in the same character set.
        DcmDataset utf8;
        DcmDataset *header = source;
        if (needsUTF8(c)) {
            utf8 = *source;
            utf8.findAndDeleteElement(DCM_PixelData);
            OFCondition cond = utf8.convertToUTF8();
            if (cond.bad())
                return refuse(message, capacity, std::string("cannot convert the image's text to UTF-8: ") + cond.text());
            header = &utf8;
        }

        PresentationState ps;
        OFCondition cond = ps.createFromImage(*header, DVPSO_ignoreOverlays, DVPSV_ignoreVOI, OFFalse /*curves*/,
                                              OFFalse /*shutters*/, OFTrue /*presentation LUT shape*/, DVPSG_twoLayers);
        if (cond.bad())
            return refuse(message, capacity,
                          std::string("dcmpstat cannot create a presentation state for the image: ") + cond.text());
        if (ps.numberOfImageReferences() == 0) {
            cond = ps.addImageReference(*header);
            if (cond.bad()) return refuse(message, capacity, std::string("cannot reference the image: ") + cond.text());
        }
        if (ps.sOPInstanceUID.putString(c.sop_instance_uid).bad() ||
            ps.seriesInstanceUID.putString(c.series_instance_uid).bad())
            return refuse(message, capacity, "invalid UID");
        if (needsUTF8(c)) ps.specificCharacterSet.putString("ISO_IR 192");
        if (ps.setPresentationLabel(c.content_label).bad()) return refuse(message, capacity, "invalid Content Label");
        if (c.content_description != nullptr && ps.setPresentationDescription(c.content_description).bad())
            return refuse(message, capacity, "invalid Content Description");
        if (c.creator_name != nullptr && ps.setPresentationCreatorsName(c.creator_name).bad())
            return refuse(message, capacity, "invalid Content Creator's Name");

        // Every module below applies to all images referenced (the one image): no Referenced
        // Image Sequence inside the items.
        const char *cls = sopClass.c_str();
        const char *inst = sopInstance.c_str();
        if (c.has_window) {
            if (!(c.window_width >= 1.0)) return refuse(message, capacity, "the window width must be at least 1");
            DVPSSoftcopyVOI *voi =
                ps.softcopyVOIList.createSoftcopyVOI(ps.referencedSeriesList, cls, inst, 1, 1, DVPSB_allImages);
            if (voi == nullptr) return RGD_INTERNAL;
            cond = voi->setVOIWindow(c.window_center, c.window_width, c.window_explanation);
            if (cond.bad()) return refuse(message, capacity, std::string("invalid window: ") + cond.text());
        }
        if (c.has_displayed_area) {
            const int32_t *a = c.displayed_area;
            DVPSDisplayedArea *area =
                ps.displayedAreaSelectionList.createDisplayedArea(ps.referencedSeriesList, cls, inst, 1, 1, DVPSB_allImages);
            if (area == nullptr) return RGD_INTERNAL;
            cond = area->setDisplayedArea(DVPSD_scaleToFit, a[0], a[1], a[2], a[3]);
            if (cond.bad()) return refuse(message, capacity, std::string("invalid displayed area: ") + cond.text());
        }
        for (size_t i = 0; i < c.layer_count; ++i) {
            const rgd_gsps_layer &l = c.layers[i];
            cond = ps.graphicLayerList.addGraphicLayer(l.name, l.order, l.description);
            if (cond.bad()) return refuse(message, capacity, std::string("graphic layer \"") + l.name + "\" is a duplicate");
        }
        for (size_t i = 0; i < c.graphic_count; ++i) {
            const rgd_gsps_graphic &g = c.graphics[i];
            DVPSGraphicObject *object =
                ps.graphicAnnotationList.addGraphicObject(c.layers[g.layer].name, cls, inst, 1, DVPSB_allImages);
            if (object == nullptr) return RGD_INTERNAL;
            if (object->setData(g.point_count, g.points, DVPSA_pixels).bad() ||
                object->setGraphicType(graphicType(g.type)).bad() || object->setFilled(g.filled ? OFTrue : OFFalse).bad())
                return refuse(message, capacity, "graphic object " + std::to_string(i) + " is refused by dcmpstat");
        }
        for (size_t i = 0; i < c.text_count; ++i) {
            const rgd_gsps_text &t = c.texts[i];
            DVPSTextObject *object =
                ps.graphicAnnotationList.addTextObject(c.layers[t.layer].name, cls, inst, 1, DVPSB_allImages);
            if (object == nullptr) return RGD_INTERNAL;
            bool ok = object->setText(t.text).good();
            if (ok && t.has_bounding_box) {
                const float *b = t.bounding_box;
                ok = object->setBoundingBox(b[0], b[1], b[2], b[3], DVPSA_pixels, DVPSX_left).good();
            }
            if (ok && t.has_anchor)
                ok = object->setAnchorPoint(t.anchor[0], t.anchor[1], DVPSA_pixels, t.anchor_visible ? OFTrue : OFFalse)
                         .good();
            if (!ok) return refuse(message, capacity, "text object " + std::to_string(i) + " is refused by dcmpstat");
        }

        // write() drops layers that hold no object; the caller's layers are kept as given.
        DVPSGraphicLayer_PList layers(ps.graphicLayerList);
        DcmFileFormat file;
        DcmDataset &ds = *file.getDataset();
        cond = ps.write(ds, OFFalse);
        if (cond.good() && layers.size() > 0) cond = layers.write(ds);
        if (cond.bad()) {
            rgd_set_message(message, capacity, std::string("dcmpstat cannot write the presentation state: ") + cond.text());
            return RGD_INTERNAL;
        }
        dropFilledOfOpenGraphics(ds);
        // General Series Laterality (Type 2C; dcmpstat does not copy it): the image's Laterality,
        // else its Image Laterality when that is R or L, else present and empty.
        OFString laterality;
        if (source->findAndGetOFString(DCM_Laterality, laterality).bad() || laterality.empty()) {
            OFString imageLaterality;
            source->findAndGetOFString(DCM_ImageLaterality, imageLaterality);
            laterality = imageLaterality == "R" || imageLaterality == "L" ? imageLaterality : OFString();
        }
        ds.putAndInsertString(DCM_Laterality, laterality.c_str());
        return rgd_save_to_memory(file, EXS_LittleEndianExplicit, out, size, message, capacity);
    });
}

// MARK: - Reading

struct rgd_gsps {
    rgd_gsps_content content{};
    std::deque<std::string> strings;  // a deque never moves its elements
    std::deque<std::vector<float>> points;
    std::vector<rgd_gsps_layer> layers;
    std::vector<rgd_gsps_graphic> graphics;
    std::vector<rgd_gsps_text> texts;

    const char *keep(const OFString &s) {
        strings.emplace_back(s.c_str(), s.size());
        return strings.back().c_str();
    }
    const char *keep(const char *s) { return s == nullptr ? nullptr : keep(OFString(s)); }
    const char *keepNonEmpty(const char *s) { return s == nullptr || s[0] == '\0' ? nullptr : keep(OFString(s)); }
};

extern "C" rgd_status rgd_gsps_read(const rgd_dataset *dataset, rgd_gsps **out, char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (dataset == nullptr || out == nullptr) return RGD_BAD_ARGUMENT;
        // Strings come back as UTF-8: a copy in another character set is converted first (a
        // presentation state is small). If DCMTK cannot convert it, the bytes stay as stored.
        DcmDataset ds(*rgd_file_of(dataset)->getDataset());
        OFString charset;
        if (ds.findAndGetOFStringArray(DCM_SpecificCharacterSet, charset).good() && !charset.empty() &&
            charset != "ISO_IR 192") {
            ds.convertToUTF8();
        }
        OFString sopClass;
        ds.findAndGetOFString(DCM_SOPClassUID, sopClass);
        if (sopClass != UID_GrayscaleSoftcopyPresentationStateStorage) {
            rgd_set_message(message, capacity,
                            "not a Grayscale Softcopy Presentation State (SOP Class UID " +
                                std::string(sopClass.empty() ? "absent" : sopClass.c_str()) + ")");
            return RGD_READ_FAILED;
        }
        PresentationState ps;
        OFCondition cond = ps.read(ds);
        if (cond.bad()) {
            rgd_set_message(message, capacity,
                            std::string("dcmpstat refuses the presentation state (a required attribute is missing or "
                                        "malformed): ") + cond.text());
            return RGD_READ_FAILED;
        }
        if (ps.numberOfImageReferences() == 0) {
            rgd_set_message(message, capacity, "the presentation state references no image");
            return RGD_READ_FAILED;
        }

        std::unique_ptr<rgd_gsps> r(new rgd_gsps());
        rgd_gsps_content &c = r->content;
        OFString study, series, cls, inst, frames, ae, filesetID, filesetUID, s;
        ps.getImageReference(0, study, series, cls, inst, frames, ae, filesetID, filesetUID);
        c.referenced_sop_class_uid = r->keep(cls);
        c.referenced_sop_instance_uid = r->keep(inst);
        c.referenced_series_uid = r->keep(series);
        ds.findAndGetOFString(DCM_SOPInstanceUID, s);
        c.sop_instance_uid = r->keep(s);
        ds.findAndGetOFString(DCM_SeriesInstanceUID, s);
        c.series_instance_uid = r->keep(s);
        ds.findAndGetOFString(DCM_StudyInstanceUID, s);
        c.study_instance_uid = r->keep(s);
        c.content_label = r->keep(ps.getPresentationLabel() ? ps.getPresentationLabel() : "");
        c.content_description = r->keepNonEmpty(ps.getPresentationDescription());
        c.creator_name = r->keepNonEmpty(ps.getPresentationCreatorsName());

        if (DVPSSoftcopyVOI *voi = ps.softcopyVOIList.findSoftcopyVOI(inst.c_str(), 1); voi != nullptr && !voi->haveLUT()) {
            if (voi->getCurrentWindowCenter(c.window_center).good() && voi->getCurrentWindowWidth(c.window_width).good()) {
                c.has_window = 1;
                c.window_explanation = r->keepNonEmpty(voi->getCurrentVOIDescription());
            }
        }
        if (DVPSDisplayedArea *area = ps.displayedAreaSelectionList.findDisplayedArea(inst.c_str(), 1); area != nullptr) {
            Sint32 a[4] = {0, 0, 0, 0};
            area->getDisplayedArea(a[0], a[1], a[2], a[3]);
            for (int i = 0; i < 4; ++i) c.displayed_area[i] = a[i];
            c.has_displayed_area = 1;
        }

        // The layer list keeps names and descriptions but hides the orders: those are read from
        // the Graphic Layer Sequence as stored (reading never renumbers them).
        const size_t layerCount = ps.graphicLayerList.size();
        r->layers.reserve(layerCount);
        for (size_t i = 0; i < layerCount; ++i) {
            const char *name = ps.graphicLayerList.getGraphicLayerName(i);
            if (name == nullptr) continue;
            Sint32 order = 0;
            DcmItem *item = nullptr;
            for (signed long k = 0; ds.findAndGetSequenceItem(DCM_GraphicLayerSequence, item, k).good(); ++k) {
                OFString itemName;
                if (item->findAndGetOFString(DCM_GraphicLayer, itemName).good() && itemName == name) {
                    item->findAndGetSint32(DCM_GraphicLayerOrder, order);
                    break;
                }
            }
            r->layers.push_back({r->keep(name), order, r->keepNonEmpty(ps.graphicLayerList.getGraphicLayerDescription(i))});
        }
        for (size_t li = 0; li < r->layers.size(); ++li) {
            const char *name = r->layers[li].name;
            const size_t graphics = ps.graphicAnnotationList.getNumberOfGraphicObjects(name, inst.c_str(), 1);
            for (size_t k = 0; k < graphics; ++k) {
                DVPSGraphicObject *g = ps.graphicAnnotationList.getGraphicObject(name, inst.c_str(), 1, k);
                if (g == nullptr) continue;
                std::vector<float> p;
                const size_t n = g->getNumberOfPoints();
                p.reserve(2 * n);
                for (size_t j = 0; j < n; ++j) {
                    Float32 x = 0, y = 0;
                    if (g->getPoint(j, x, y).bad()) break;
                    p.push_back(x);
                    p.push_back(y);
                }
                r->points.push_back(std::move(p));
                const std::vector<float> &kept = r->points.back();
                r->graphics.push_back({li, graphicType(g->getGraphicType()), units(g->getAnnotationUnits()), kept.data(),
                                       kept.size() / 2, g->isFilled() ? 1 : 0});
            }
            const size_t texts = ps.graphicAnnotationList.getNumberOfTextObjects(name, inst.c_str(), 1);
            for (size_t k = 0; k < texts; ++k) {
                DVPSTextObject *t = ps.graphicAnnotationList.getTextObject(name, inst.c_str(), 1, k);
                if (t == nullptr) continue;
                rgd_gsps_text text{};
                text.layer = li;
                text.text = r->keep(t->getText() ? t->getText() : "");
                if (t->haveBoundingBox()) {
                    text.has_bounding_box = 1;
                    text.bounding_box_units = units(t->getBoundingBoxAnnotationUnits());
                    text.bounding_box[0] = static_cast<float>(t->getBoundingBoxTLHC_x());
                    text.bounding_box[1] = static_cast<float>(t->getBoundingBoxTLHC_y());
                    text.bounding_box[2] = static_cast<float>(t->getBoundingBoxBRHC_x());
                    text.bounding_box[3] = static_cast<float>(t->getBoundingBoxBRHC_y());
                }
                if (t->haveAnchorPoint()) {
                    text.has_anchor = 1;
                    text.anchor_units = units(t->getAnchorPointAnnotationUnits());
                    text.anchor[0] = static_cast<float>(t->getAnchorPoint_x());
                    text.anchor[1] = static_cast<float>(t->getAnchorPoint_y());
                    text.anchor_visible = t->anchorPointIsVisible() ? 1 : 0;
                }
                r->texts.push_back(text);
            }
        }
        c.layers = r->layers.data();
        c.layer_count = r->layers.size();
        c.graphics = r->graphics.data();
        c.graphic_count = r->graphics.size();
        c.texts = r->texts.data();
        c.text_count = r->texts.size();
        *out = r.release();
        return RGD_OK;
    });
}

extern "C" const rgd_gsps_content *rgd_gsps_content_of(const rgd_gsps *gsps) {
    return gsps == nullptr ? nullptr : &gsps->content;
}

extern "C" void rgd_gsps_free(rgd_gsps *gsps) {
    try {
        delete gsps;
    } catch (...) {
    }
}
