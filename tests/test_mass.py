"""Mass properties against analytic solids."""

import numpy as np
import pytest
import trimesh

from physics.mass import box_mass_properties, mass_properties


def test_box_matches_the_analytic_tensor():
    box = trimesh.creation.box(extents=[0.4, 1.0, 2.0])
    box.apply_translation([0.1, -0.2, 0.3])
    mp = mass_properties([(box.vertices, box.faces)], mass=12.0)
    assert mp.mass == 12.0 and np.allclose(mp.com, [0.1, -0.2, 0.3])
    expected = np.diag([1.0 + 4.0, 0.16 + 4.0, 0.16 + 1.0]) * 12.0 / 12.0
    assert np.allclose(mp.inertia, expected, atol=1e-9)
    assert np.allclose(box_mass_properties([0.4, 1.0, 2.0], 12.0).inertia, expected)


def test_two_parts_and_parallel_axis():
    a = trimesh.creation.box(extents=[1, 1, 1])
    b = trimesh.creation.box(extents=[1, 1, 1])
    b.apply_translation([2.0, 0, 0])
    mp = mass_properties([(a.vertices, a.faces), (b.vertices, b.faces)], mass=2.0)
    assert np.allclose(mp.com, [1.0, 0, 0])
    # each cube: 1/6 about its centre; offset 1 m from the common COM adds m d^2 = 1 on Y and Z
    assert np.allclose(np.diag(mp.inertia), [1 / 3, 1 / 3 + 2.0, 1 / 3 + 2.0])


def test_cylinder_against_trimesh_and_principal_axes():
    cyl = trimesh.creation.cylinder(radius=0.2, height=1.0, sections=64)
    rot = trimesh.transformations.rotation_matrix(0.7, [1, 1, 0])
    cyl.apply_transform(rot)
    mp = mass_properties([(cyl.vertices, cyl.faces)], mass=5.0)
    cyl.density = 5.0 / cyl.volume
    assert np.allclose(mp.inertia, cyl.moment_inertia, rtol=1e-6, atol=1e-9)
    moments, quat = mp.diaginertia_quat()
    assert np.allclose(sorted(moments), sorted(np.linalg.eigvalsh(cyl.moment_inertia)), rtol=1e-6)
    assert abs(np.linalg.norm(quat) - 1) < 1e-9


def test_degenerate_parts_fall_back_to_the_bounding_box():
    flat = (np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0]], float), np.array([[0, 1, 2]]))
    mp = mass_properties([flat], mass=1.0)
    assert mp.mass == 1.0 and all(np.isfinite(np.asarray(mp.inertia)).ravel())
    with pytest.raises(ValueError):
        mass_properties([flat], mass=0.0)
